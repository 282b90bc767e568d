use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::people::{people_import_report, recent_people_imports, ApplyPeopleImport};
use crate::components::loaded_page;
use crate::i18n::{t, t_with, tr, use_locale, Locale};
use malaka_shared::people::{ImportProblem, ImportReport, ImportSummary};

/// Admins: upload a staff file. The next page is its report; nothing is created before it.
#[component]
pub fn PeopleImportPage() -> impl IntoView {
    loaded_page(
        recent_people_imports(),
        |recent| view! { <UploadForm recent /> },
    )
}

#[component]
fn UploadForm(recent: Vec<ImportSummary>) -> impl IntoView {
    let error = use_query_map().get_untracked().get("error");
    let error_key = match error.as_deref() {
        Some("too-large") => Some("import-error-too-large"),
        Some("no-file") => Some("import-error-no-file"),
        _ => None,
    };
    view! {
        <Title text=tr("import-title") />
        <h1>{tr("import-title")}</h1>
        {error_key.map(|key| view! { <p class="notice notice-error" role="alert">{tr(key)}</p> })}
        <p>{tr("import-intro")}</p>
        <pre class="diff" tabindex="0">"name;email;unit;position;language;role\nDilnoza Karimova;d.karimova@adliya.uz;Ministry of Justice / Registry / Chilonzor office;Registrar;uz;officer"</pre>
        <p>{tr("import-columns")}</p>
        <form method="post" action="/api/people-import" enctype="multipart/form-data" class="card">
            <label for="staff">{tr("import-file-label")}</label>
            <input id="staff" name="staff" type="file" accept=".csv,text/csv" required />
            <button type="submit" class="button-primary">{tr("import-check")}</button>
        </form>
        {(!recent.is_empty()).then(|| view! {
            <h2>{tr("import-recent")}</h2>
            <ul>
                {recent.into_iter().map(|upload| view! {
                    <li>
                        <a href=format!("/admin/people/import/{}", upload.id)>{upload.file_name}</a>
                        " · "{upload.uploaded_on}" · "
                        {if upload.applied { tr("import-recent-applied") } else { tr("import-recent-waiting") }}
                    </li>
                }).collect_view()}
            </ul>
        })}
    }
}

/// The report of one uploaded file, line by line, and the buttons to apply it.
#[component]
pub fn ImportReportPage() -> impl IntoView {
    let id = super::id_param("id");
    loaded_page(
        people_import_report(id),
        |report| view! { <Report report /> },
    )
}

#[component]
fn Report(report: ImportReport) -> impl IntoView {
    let locale = use_locale();
    let clean = report.problems.is_empty();
    let privileged_count = report.privileged.len();
    // Rows that create admins, HR officers or trainers are applied only with their own tick.
    let confirmation = move || {
        (privileged_count > 0).then(|| view! {
            <p class="choice">
                <input type="checkbox" id="privileged-confirmed" name="privileged_confirmed" value="yes" required />
                <label for="privileged-confirmed">
                    {t_with(locale, "import-privileged-confirm", &[("count", privileged_count.into())])}
                </label>
            </p>
        })
    };
    let summary = t_with(
        locale,
        "import-summary",
        &[
            ("rows", report.rows_total.into()),
            ("clean", report.rows_clean.into()),
            ("problems", report.problems.len().into()),
        ],
    );
    let action = match (&report.applied, clean, report.rows_clean) {
        (Some((on, count)), _, _) => view! {
            <p class="notice notice-success" role="status">
                {t_with(locale, "import-applied", &[("count", (*count).into()), ("date", on.clone().into())])}
            </p>
        }.into_any(),
        (None, _, 0) => view! { <p>{tr("import-nothing-clean")}</p> }.into_any(),
        (None, true, _) => view! {
            <form method="post" action=ApplyPeopleImport::url()>
                <input type="hidden" name="id" value=report.id />
                {confirmation()}
                <button type="submit" class="button-primary">
                    {t_with(locale, "import-apply", &[("count", report.rows_clean.into())])}
                </button>
            </form>
        }.into_any(),
        (None, false, _) => view! {
            <form method="post" action=ApplyPeopleImport::url()>
                <input type="hidden" name="id" value=report.id />
                <input type="hidden" name="clean_only" value="yes" />
                <p>{tr("import-fix-or-partial")}</p>
                {confirmation()}
                <button type="submit">
                    {t_with(locale, "import-apply-clean", &[("count", report.rows_clean.into())])}
                </button>
            </form>
        }.into_any(),
    };
    view! {
        <Title text=tr("import-report-title") />
        <h1>{tr("import-report-title")}</h1>
        <p>{report.file_name}" · "{report.uploaded_on}</p>
        <p role="status">{summary}</p>
        {(!clean).then(|| view! {
            <div class="table-scroll" tabindex="0">
                <table>
                    <caption>{tr("import-problems-caption")}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{tr("import-line")}</th>
                            <th scope="col">{tr("import-problem")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {report.problems.iter().map(|problem| view! {
                            <tr>
                                <th scope="row">{problem.line}</th>
                                <td>{problem_text(locale, &problem.problem)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        })}
        {(privileged_count > 0).then(|| view! {
            <div class="table-scroll" tabindex="0">
                <table>
                    <caption>{tr("import-privileged-caption")}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{tr("import-line")}</th>
                            <th scope="col">{tr("import-privileged-person")}</th>
                            <th scope="col">{tr("people-role")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {report.privileged.iter().map(|row| view! {
                            <tr>
                                <th scope="row">{row.line}</th>
                                <td>{format!("{} <{}>", row.name, row.email)}</td>
                                <td><strong>{tr(&format!("people-role-{}", row.role.as_str()))}</strong></td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        })}
        {action}
        <p><a href="/admin/people/import">{tr("import-another")}</a></p>
    }
}

/// One problem, in the reader's language.
pub fn problem_text(locale: Locale, problem: &ImportProblem) -> String {
    use ImportProblem::*;
    let value = |key: &str, name: &'static str, value: &str| {
        t_with(locale, key, &[(name, value.to_owned().into())])
    };
    match problem {
        NotUtf8 => t(locale, "import-problem-not-utf8"),
        NoRows => t(locale, "import-problem-no-rows"),
        TooManyRows { max } => t_with(locale, "import-problem-too-many", &[("max", (*max).into())]),
        MissingColumn { column } => value("import-problem-missing-column", "column", column),
        WrongFieldCount { expected, found } => t_with(
            locale,
            "import-problem-field-count",
            &[("expected", (*expected).into()), ("found", (*found).into())],
        ),
        MissingValue { column } => value("import-problem-missing-value", "column", column),
        InvalidEmail { value: email } => value("import-problem-email", "value", email),
        DuplicateInFile { first_line } => t_with(
            locale,
            "import-problem-duplicate",
            &[("line", (*first_line).into())],
        ),
        EmailTaken { value: email } => value("import-problem-taken", "value", email),
        UnknownUnit { value: unit } => value("import-problem-unit", "value", unit),
        AmbiguousUnit { value: unit } => value("import-problem-ambiguous", "value", unit),
        UnknownLanguage { value: language } => value("import-problem-language", "value", language),
        UnknownRole { value: role } => value("import-problem-role", "value", role),
    }
}
