use leptos::prelude::*;
use leptos_meta::Title;

use super::course_card::CourseCardView;
use crate::api::learning::catalog;
use crate::components::loaded_page;
use crate::i18n::tr;

#[component]
pub fn CatalogPage() -> impl IntoView {
    loaded_page(catalog(), |cards| {
        view! {
            <Title text=tr("catalog-title") />
            <h1>{tr("catalog-title")}</h1>
            <ul class="course-list">{cards.into_iter().map(|card| view! { <CourseCardView card /> }).collect_view()}</ul>
        }
    })
}
