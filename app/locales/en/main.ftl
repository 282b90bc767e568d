skip-to-content = Skip to content
nav-label = Main
nav-my-learning = My learning
nav-catalog = Course catalog
nav-team = Team progress
language-label = Language
sign-out = Sign out
breadcrumb-label = You are here
progress-percent = { $percent }% complete

error-not-signed-in = Please sign in to continue.
error-forbidden = You do not have access to this page.
error-not-found = This page does not exist.
error-rate-limited = Too many attempts. Please wait a minute and try again.
error-invalid = The request was not valid.
error-internal = Something went wrong on our side. Please try again later.

sign-in-title = Sign in
sign-in-email = Email
sign-in-password = Password
sign-in-submit = Sign in
sign-in-error-credentials = The email or password is not right.
sign-in-error-rate-limited = Too many sign-in attempts. Please wait a minute and try again.
demo-title = Demo accounts
demo-accounts = This is a demonstration server. You can sign in as:
demo-password = Password for every demo account:

my-learning-title = My learning
my-learning-empty = You have no courses yet. Choose one in the
catalog-title = Course catalog

course-minutes = about { $minutes } min
course-lessons = { $count ->
    [one] { $count } lesson
   *[other] { $count } lessons
}
course-enrol = Enrol
course-start = Start
course-resume = Resume
course-completed = Completed
course-updated = Last updated { $date } (version { $version })
course-audience = For:
course-lessons-heading = Lessons

lesson-state-completed = Completed
lesson-state-started = Started
lesson-state-not-started = Not started
lesson-minutes = { $minutes } min
lesson-position = Lesson { $position } of { $total }
lesson-fallback = This lesson is not translated into your language yet, so it is shown in { $language }.
lesson-previous = Previous:
lesson-next = Next:
lesson-completed = You have completed this lesson.
lesson-mark-complete = Mark complete
lesson-progress-label = Your progress
lesson-pager-label = Lessons

team-title = Team progress
team-caption = Courses of the people in your units
team-course = Course
team-enrolled = Enrolled
team-completed = Completed
team-in-progress = In progress
team-not-started = Not started
team-overdue = Overdue
team-lapsed = Certificates expired

check-heading = Check your understanding
check-number = Question { $number }
check-submit = Check my answer
check-your-answer = Your answer
check-your-number = Your answer (a number)
check-true = True
check-false = False
check-choose = Choose…
check-position = Position…
check-result-right = Right!
check-result-partly = Partly right ({ $percent }%).
check-result-wrong = Not quite.

quiz-title = Final quiz
quiz-facts = { $questions } questions; you pass with { $pass }% or more.
quiz-time-limit = Time limit: { $minutes } minutes, counted from the start.
quiz-attempts-allowed = Attempts: { $used } of { $count } used.
quiz-start = Start the quiz
quiz-resume = Resume your attempt
quiz-blocked-passed = You have passed this quiz.
quiz-blocked-no-attempts = You have used all your attempts. Please contact your trainer.
quiz-blocked-retake-delay = You can try again later: a new attempt opens some hours after the last one.
quiz-history = Your attempts
quiz-started = Started (UTC)
quiz-score = Result
quiz-passed = passed
quiz-failed = not passed
quiz-in-progress = in progress
quiz-attempt-title = Attempt { $number }
quiz-time-left = Time left: { $minutes } min { $seconds } s. Save often; answers after the time is up are not accepted.
quiz-saved = Your answers are saved.
quiz-save = Save answers
quiz-submit = Submit for grading
quiz-result-title = Quiz result
quiz-result-passed = Passed: { $score }% (pass mark { $pass }%).
quiz-result-failed = Not passed: { $score }% (pass mark { $pass }%).
quiz-late = The time was up: answers sent after it were not accepted. Your saved answers were graded.
quiz-correct-answer = Correct answer:
quiz-back = Back to the quiz
course-quiz-heading = Final quiz
course-quiz-link = About the final quiz
course-take-quiz = Take the final quiz

analysis-title = Question analysis
analysis-attempts = Based on { $count } submitted attempts.
analysis-help = Facility: the average score on the question. Discrimination: facility among the best 27% of attempts minus the worst 27%; below 0.2 the question separates strong and weak learners poorly, below 0 it misleads strong learners.
analysis-caption = Final-quiz questions
analysis-question = Question
analysis-drawn = Drawn
analysis-answered = Answered
analysis-facility = Facility
analysis-discrimination = Discrimination
analysis-options = Options chosen
quiz-autosaved = Saved automatically.
quiz-autosave-failed = Not saved: check your connection, then press "Save answers".

nav-certificates = My certificates
nav-outbox = Email delivery
certificates-title = My certificates
certificates-empty = You have no certificates yet. Complete a course to get one.
certificates-course = Course
certificates-issued = Issued
certificates-expires = Valid until
certificates-status = Status
certificates-code = Code
certificates-get = Download
certificates-download-pdf = PDF for { $course }
certificates-download-credential = Verifiable credential for { $course }
certificate-status-valid = Valid
certificate-status-expired = Expired
certificate-status-revoked = Revoked
certificate-no-expiry = No expiry

verify-title = Verify a certificate
verify-intro = Enter the code printed on the certificate, or scan its QR code.
verify-code-label = Certificate code
verify-submit = Check
verify-not-found = No certificate has this code. Check that you typed it as printed.
verify-genuine = This certificate is genuine: its details carry Malaka's signature.
verify-tampered = Warning: this certificate's details do not match Malaka's signature. Do not accept it.
verify-revoked = This certificate was revoked on { $date }.
verify-revoked-reason = Reason: { $reason }
verify-expired = This certificate expired on { $date }.
verify-renewed = A newer certificate for this course has replaced this one.
verify-learner = Issued to
verify-course = Course
verify-version = Course version
verify-score = Score
verify-issued = Issued on
verify-expires = Valid until
verify-status = Status
verify-public-key = Digital credentials are signed with the public key published at
revoke-title = Revoke this certificate
revoke-reason = Reason (shown on this page)
revoke-submit = Revoke

outbox-title = Email delivery
outbox-pending = { $count ->
    [one] { $count } email is waiting to be sent.
   *[other] { $count } emails are waiting to be sent.
}
outbox-failed-title = Emails that could not be delivered
outbox-failed-empty = No email has failed.
outbox-recipient = Recipient
outbox-kind = Message
outbox-attempts = Attempts
outbox-error = Last error
outbox-retry = Retry

certificate-pdf-brand = MALAKA · IN-SERVICE TRAINING
certificate-pdf-title = Certificate
certificate-pdf-certifies = This certifies that
certificate-pdf-completed = has successfully completed the course
certificate-pdf-score = Score: { $score }%
certificate-pdf-version = Course version { $version }
certificate-pdf-issued = Issued: { $date }
certificate-pdf-valid-until = Valid until: { $date }
certificate-pdf-no-expiry = Valid without expiry
certificate-pdf-code = Certificate code: { $code }
certificate-pdf-verify = Check it at { $url }

email-greeting = Dear { $name },
email-certificate-subject = Your certificate: { $course }
email-certificate-body = Congratulations on completing “{ $course }”. Your certificate is attached as a PDF. Anyone can check that it is genuine at the address below.
email-certificate-code = Certificate code: { $code }
email-expiring-subject = Your certificate for “{ $course }” expires in { $days } days
email-expiring-body = Your certificate for “{ $course }” expires in { $days } days. Take the course's final quiz again to renew it.
email-signature = Malaka: in-service training for public servants

nav-author = Authoring
author-title = Authoring workspace
author-intro = Every course in the catalog with its validation state. Open a lesson file to edit it as a draft; the preview is exactly what learners will see.
author-valid = No problems
author-problems = { $count ->
    [one] { $count } problem
   *[other] { $count } problems
}
author-markdown = Lesson Markdown
author-save = Save draft and preview
author-preview = Preview
author-draft-saved = You are editing a saved draft. Learners still see the published lesson.

author-publish = Publish the course's drafts as a new version
author-history = Version history
author-changes = What version { $version } changed
author-no-versions = Nothing has been published from the workspace yet.
author-version = Version { $version }, { $date }
author-show-changes = Show changes
author-export = Download as zip
author-import-label = A new course as a zip (as downloaded here or made with `courses export`)
author-import = Upload the course
author-imported = The course “{ $course }” was added to the catalog.
author-import-refused = The upload was refused; nothing was changed:
