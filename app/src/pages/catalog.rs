use leptos::prelude::*;
use leptos_meta::Title;

use super::course_card::CourseCardView;
use super::{request_path, request_user};
use crate::api::learning::catalog;
use crate::components::{ErrorNotice, Layout};
use crate::i18n::tr;

#[component]
pub fn CatalogPage() -> impl IntoView {
    view! {
        <Title text=tr("catalog-title") />
        <Layout user=request_user() current_path=request_path()>
            <h1>{tr("catalog-title")}</h1>
            <Suspense>
                {Suspend::new(async move {
                    match catalog().await {
                        Ok(cards) => view! {
                            <ul class="course-list">
                                {cards.into_iter().map(|card| view! { <CourseCardView card /> }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    }
                })}
            </Suspense>
        </Layout>
    }
}
