use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use std::collections::HashMap;

use crate::api::quizzes::AnswerCheck;
use crate::i18n::{t_with, tr, use_locale};
use malaka_shared::quiz::{CheckInput, KnowledgeCheck};

/// One knowledge check as a plain form: it posts to the server, which grades it and brings the
/// learner back here with the feedback.
#[component]
pub fn KnowledgeCheckForm(
    check: KnowledgeCheck,
    course: String,
    lesson: String,
    number: usize,
) -> impl IntoView {
    let locale = use_locale();
    let saved = check
        .result
        .as_ref()
        .map(|r| r.answer.clone())
        .unwrap_or_default();
    // Sent back unanswered (`?check=<id>&check-error=<key>`): say what is missing, here only.
    let query = leptos_router::hooks::use_query_map().get_untracked();
    let missing = (query.get("check").as_deref() == Some(check.id.as_str()))
        .then(|| query.get("check-error"))
        .flatten()
        .and_then(|key| {
            ["check-error-unanswered", "check-error-number"]
                .into_iter()
                .find(|known| *known == key)
        });
    let error_id = format!("check-{}-error", check.id);
    let error = missing.map(|key| view! { <p class="notice notice-error" role="alert" id=error_id.clone()>{tr(key)}</p> });
    let inputs = view! { <QuestionFields input=check.input.clone() prefix="answer".to_owned() id=format!("check-{}", check.id) saved /> };
    let result = check.result.map(|result| {
        let key = match result.score_percent {
            100 => "check-result-right",
            0 => "check-result-wrong",
            _ => "check-result-partly",
        };
        view! {
            <div class="check-result" role="status">
                <p class="check-verdict">{t_with(locale, key, &[("percent", result.score_percent.into())])}</p>
                <ul>{result.feedback.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}</ul>
            </div>
        }
    });
    view! {
        <section class="knowledge-check card" id=format!("check-{}", check.id)>
            <h3>{t_with(locale, "check-number", &[("number", (number as i64).into())])}</h3>
            <div class="check-prompt" inner_html=check.prompt_html></div>
            <form method="post" action=AnswerCheck::url()>
                <input type="hidden" name="course" value=course />
                <input type="hidden" name="lesson" value=lesson />
                <input type="hidden" name="question" value=check.id.clone() />
                <fieldset>
                    <legend class="visually-hidden">{tr("check-your-answer")}</legend>
                    {inputs}
                </fieldset>
                {error}
                <button type="submit" class="button-secondary">{tr("check-submit")}</button>
            </form>
            {result}
        </section>
    }
}

/// The answer fields of one question, named `{prefix}[field]`, filled with a saved answer.
/// Fields and values name options only by their position on screen; the server maps positions
/// back to the course file, so the page holds nothing that tells a right option from a wrong one.
#[component]
pub fn QuestionFields(
    input: CheckInput,
    prefix: String,
    id: String,
    saved: HashMap<String, String>,
) -> impl IntoView {
    let given = move |name: &str| saved.get(name).cloned();
    let field = move |name: &str| format!("{prefix}[{name}]");
    match input {
        CheckInput::Choice { options, multiple } => options
            .into_iter()
            .enumerate()
            .map(|(i, text)| {
                let (kind, name, checked) = if multiple {
                    ("checkbox", field(&format!("c{i}")), given(&format!("c{i}")).is_some())
                } else {
                    ("radio", field("choice"), given("choice").as_deref() == Some(i.to_string().as_str()))
                };
                view! { <label class="choice"><input type=kind name=name value=i.to_string() checked=checked /> " " {text}</label> }
            })
            .collect_view()
            .into_any(),
        CheckInput::TrueFalse => [("true", "check-true"), ("false", "check-false")]
            .into_iter()
            .map(|(value, key)| {
                let checked = given("choice").as_deref() == Some(value);
                view! { <label class="choice"><input type="radio" name=field("choice") value=value checked=checked /> " " {tr(key)}</label> }
            })
            .collect_view()
            .into_any(),
        CheckInput::Text => {
            let input_id = format!("{id}-text");
            view! {
                <label for=input_id.clone()>{tr("check-your-answer")}</label>
                <input id=input_id type="text" name=field("text") value=given("text").unwrap_or_default() />
            }
            .into_any()
        }
        CheckInput::Number => {
            let input_id = format!("{id}-number");
            view! {
                <label for=input_id.clone()>{tr("check-your-number")}</label>
                <input id=input_id type="text" inputmode="decimal" name=field("number") value=given("number").unwrap_or_default() />
            }
            .into_any()
        }
        CheckInput::Matching { left, right } => left
            .into_iter()
            .enumerate()
            .map(|(i, text)| {
                let select_id = format!("{id}-m{i}");
                let chosen = given(&format!("m{i}"));
                view! {
                    <label for=select_id.clone()>{text}</label>
                    <select id=select_id name=field(&format!("m{i}"))>
                        <option value="">{tr("check-choose")}</option>
                        {right.iter().enumerate().map(|(position, text)| {
                            let selected = chosen.as_deref() == Some(position.to_string().as_str());
                            view! { <option value=position.to_string() selected=selected>{text.clone()}</option> }
                        }).collect_view()}
                    </select>
                }
            })
            .collect_view()
            .into_any(),
        CheckInput::Ordering { items } => {
            let count = items.len();
            items
                .into_iter()
                .enumerate()
                .map(|(index, text)| {
                    let select_id = format!("{id}-o{index}");
                    let chosen = given(&format!("o{index}"));
                    view! {
                        <label for=select_id.clone()>{text}</label>
                        <select id=select_id name=field(&format!("o{index}"))>
                            <option value="">{tr("check-position")}</option>
                            {(1..=count).map(|position| {
                                let selected = chosen.as_deref() == Some(position.to_string().as_str());
                                view! { <option value=position.to_string() selected=selected>{position}</option> }
                            }).collect_view()}
                        </select>
                    }
                })
                .collect_view()
                .into_any()
        }
    }
}
