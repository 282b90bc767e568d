use leptos::prelude::*;
use leptos_meta::Title;

use super::course_card::CourseCardView;
use crate::api::learning::my_learning;
use crate::components::loaded_page;
use crate::i18n::tr;

#[component]
pub fn MyLearningPage() -> impl IntoView {
    loaded_page(my_learning(), |cards| {
        let list = if cards.is_empty() {
            view! { <p>{tr("my-learning-empty")} " " <a href="/catalog">{tr("nav-catalog")}</a></p> }.into_any()
        } else {
            view! { <ul class="course-list">{cards.into_iter().map(|card| view! { <CourseCardView card /> }).collect_view()}</ul> }.into_any()
        };
        view! {
            <Title text=tr("my-learning-title") />
            <h1>{tr("my-learning-title")}</h1>
            {list}
        }
    })
}
