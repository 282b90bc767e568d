use leptos::prelude::*;

use super::{request_path, request_user};
use crate::components::{ErrorNotice, Layout};
use crate::AppError;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <Layout user=request_user() current_path=request_path()>
            <ErrorNotice error=AppError::NotFound />
        </Layout>
    }
}
