//! Server functions, by domain. Each one checks who is asking and calls one service in
//! `crate::server`; the types here travel between server and browser.

pub mod assignments;
pub mod audit;
pub mod auth;
pub mod authoring;
pub mod certificates;
pub mod final_quiz;
pub mod learning;
pub mod mail;
pub mod people;
pub mod quizzes;
pub mod reports;
