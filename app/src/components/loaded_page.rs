use leptos::prelude::*;
use std::future::Future;

use crate::components::{ErrorNotice, Layout};
use crate::pages::{request_path, request_user};
use crate::AppError;

/// A page whose content needs data from the server: the frame, then either the rendered data
/// or the error (with its HTTP status, or a redirect to sign in).
pub fn loaded_page<T, V>(
    load: impl Future<Output = Result<T, AppError>> + Send + 'static,
    render: impl FnOnce(T) -> V + Send + 'static,
) -> impl IntoView
where
    T: Send + 'static,
    V: IntoView + 'static,
{
    view! {
        <Layout user=request_user() current_path=request_path()>
            <Suspense>
                {Suspend::new(async move {
                    match load.await {
                        Ok(data) => render(data).into_any(),
                        Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    }
                })}
            </Suspense>
        </Layout>
    }
}
