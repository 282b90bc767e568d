use leptos::prelude::*;
use leptos_meta::Title;

use super::course_card::CourseCardView;
use super::{request_path, request_user};
use crate::api::learning::my_learning;
use crate::components::{ErrorNotice, Layout};
use crate::i18n::tr;

#[component]
pub fn MyLearningPage() -> impl IntoView {
    view! {
        <Title text=tr("my-learning-title") />
        <Layout user=request_user() current_path=request_path()>
            <h1>{tr("my-learning-title")}</h1>
            <Suspense>
                {Suspend::new(async move {
                    match my_learning().await {
                        Ok(cards) if cards.is_empty() => view! {
                            <p>{tr("my-learning-empty")} " " <a href="/catalog">{tr("nav-catalog")}</a></p>
                        }.into_any(),
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
