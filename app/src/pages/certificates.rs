use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::certificates::my_certificates;
use crate::components::loaded_page;
use crate::i18n::{t_with, tr, use_locale};
use malaka_shared::certificates::{CertificateStatus, CertificateSummary};

/// The learner's certificates, with their PDF and verifiable credential to download.
#[component]
pub fn MyCertificatesPage() -> impl IntoView {
    loaded_page(my_certificates(), |certificates| {
        view! { <CertificateTable certificates /> }
    })
}

pub fn status_label(status: CertificateStatus) -> String {
    tr(match status {
        CertificateStatus::Valid => "certificate-status-valid",
        CertificateStatus::Expired => "certificate-status-expired",
        CertificateStatus::Revoked => "certificate-status-revoked",
    })
}

#[component]
fn CertificateTable(certificates: Vec<CertificateSummary>) -> impl IntoView {
    let locale = use_locale();
    view! {
        <Title text=tr("certificates-title") />
        <h1>{tr("certificates-title")}</h1>
        {if certificates.is_empty() {
            view! { <p>{tr("certificates-empty")}</p> }.into_any()
        } else {
            view! {
                <div class="table-scroll" tabindex="0">
                    <table>
                        <thead>
                            <tr>
                                <th scope="col">{tr("certificates-course")}</th>
                                <th scope="col">{tr("certificates-issued")}</th>
                                <th scope="col">{tr("certificates-expires")}</th>
                                <th scope="col">{tr("certificates-status")}</th>
                                <th scope="col">{tr("certificates-code")}</th>
                                <th scope="col">{tr("certificates-get")}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {certificates.into_iter().map(|c| {
                                let course = c.course_title.clone();
                                view! {
                                    <tr>
                                        <th scope="row">{c.course_title}</th>
                                        <td>{c.issued_on}</td>
                                        <td>{c.expires_on.unwrap_or_else(|| tr("certificate-no-expiry"))}</td>
                                        <td>{status_label(c.status)}</td>
                                        <td><a href=format!("/verify/{}", c.code)><code>{c.code.clone()}</code></a></td>
                                        <td>
                                            <a href=format!("/certificates/{}/certificate.pdf", c.public_id) download
                                                aria-label=t_with(locale, "certificates-download-pdf", &[("course", course.clone().into())])>
                                                "PDF"
                                            </a>
                                            " · "
                                            <a href=format!("/certificates/{}/credential.jwt", c.public_id) download
                                                aria-label=t_with(locale, "certificates-download-credential", &[("course", course.into())])>
                                                "JWT"
                                            </a>
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }}
    }
}
