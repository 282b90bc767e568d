skip-to-content = Перейти к содержанию
nav-label = Главное меню
nav-my-learning = Моё обучение
nav-catalog = Каталог курсов
nav-team = Успеваемость сотрудников
language-label = Язык
sign-out = Выйти
breadcrumb-label = Вы здесь
progress-percent = Пройдено { $percent }%

error-not-signed-in = Войдите, чтобы продолжить.
error-forbidden = У вас нет доступа к этой странице.
error-not-found = Такой страницы нет.
error-rate-limited = Слишком много попыток. Подождите минуту и попробуйте снова.
error-invalid = Некорректный запрос.
error-internal = На сервере произошла ошибка. Попробуйте позже.

sign-in-title = Вход
sign-in-email = Электронная почта
sign-in-password = Пароль
sign-in-submit = Войти
sign-in-error-credentials = Неверная электронная почта или пароль.
sign-in-error-rate-limited = Слишком много попыток входа. Подождите минуту и попробуйте снова.
demo-title = Демонстрационные учётные записи
demo-accounts = Это демонстрационный сервер. Можно войти как:
demo-password = Пароль для всех демонстрационных записей:

my-learning-title = Моё обучение
my-learning-empty = У вас пока нет курсов. Выберите курс в разделе
catalog-title = Каталог курсов

course-minutes = около { $minutes } мин
course-lessons = { $count ->
    [one] { $count } урок
    [few] { $count } урока
   *[other] { $count } уроков
}
course-enrol = Записаться
course-start = Начать
course-resume = Продолжить
course-completed = Пройден
course-updated = Обновлён { $date } (версия { $version })
course-audience = Для кого:
course-lessons-heading = Уроки

lesson-state-completed = Пройден
lesson-state-started = Начат
lesson-state-not-started = Не начат
lesson-minutes = { $minutes } мин
lesson-position = Урок { $position } из { $total }
lesson-fallback = Этот урок ещё не переведён на ваш язык, поэтому он показан на языке: { $language }.
lesson-previous = Назад:
lesson-next = Далее:
lesson-completed = Вы прошли этот урок.
lesson-mark-complete = Отметить как пройденный
lesson-progress-label = Ваш прогресс
lesson-pager-label = Уроки

team-title = Успеваемость сотрудников
team-caption = Курсы сотрудников ваших подразделений
team-course = Курс
team-enrolled = Записаны
team-completed = Прошли
team-in-progress = В процессе
team-not-started = Не начали
team-overdue = Просрочено
team-lapsed = Сертификаты истекли

check-heading = Проверьте себя
check-number = Вопрос { $number }
check-submit = Проверить ответ
check-your-answer = Ваш ответ
check-your-number = Ваш ответ (число)
check-true = Верно
check-false = Неверно
check-choose = Выберите…
check-position = Место…
check-result-right = Правильно!
check-result-partly = Частично правильно ({ $percent }%).
check-result-wrong = Не совсем так.

quiz-title = Итоговый тест
quiz-facts = Вопросов: { $questions }; тест пройден при результате от { $pass }%.
quiz-time-limit = Ограничение времени: { $minutes } мин с момента начала.
quiz-attempts-allowed = Попытки: использовано { $used } из { $count }.
quiz-start = Начать тест
quiz-resume = Продолжить попытку
quiz-blocked-passed = Вы прошли этот тест.
quiz-blocked-no-attempts = Вы использовали все попытки. Обратитесь к преподавателю.
quiz-blocked-retake-delay = Повторить можно позже: новая попытка откроется через несколько часов после предыдущей.
quiz-history = Ваши попытки
quiz-started = Начата (UTC)
quiz-score = Результат
quiz-passed = пройден
quiz-failed = не пройден
quiz-in-progress = идёт
quiz-attempt-title = Попытка { $number }
quiz-time-left = Осталось времени: { $minutes } мин { $seconds } с. Сохраняйте ответы чаще: после окончания времени ответы не принимаются.
quiz-saved = Ваши ответы сохранены.
quiz-save = Сохранить ответы
quiz-submit = Отправить на проверку
quiz-result-title = Результат теста
quiz-result-passed = Пройден: { $score }% (проходной балл { $pass }%).
quiz-result-failed = Не пройден: { $score }% (проходной балл { $pass }%).
quiz-late = Время вышло: ответы, отправленные после этого, не приняты. Проверены сохранённые ответы.
quiz-correct-answer = Правильный ответ:
quiz-back = Вернуться к тесту
course-quiz-heading = Итоговый тест
course-quiz-link = Об итоговом тесте
course-take-quiz = Пройти итоговый тест

analysis-title = Анализ вопросов
analysis-attempts = По данным { $count } завершённых попыток.
analysis-help = Лёгкость: средний балл за вопрос. Различающая способность: лёгкость у лучших 27% попыток минус у худших 27%; ниже 0,2 вопрос плохо отделяет сильных слушателей от слабых, ниже 0 — вводит сильных в заблуждение.
analysis-caption = Вопросы итогового теста
analysis-question = Вопрос
analysis-drawn = Выпадал
analysis-answered = Отвечен
analysis-facility = Лёгкость
analysis-discrimination = Различающая способность
analysis-options = Выбор вариантов
quiz-autosaved = Сохранено автоматически.
quiz-autosave-failed = Не сохранено: проверьте соединение и нажмите «Сохранить ответы».

nav-certificates = Мои сертификаты
nav-outbox = Доставка писем
certificates-title = Мои сертификаты
certificates-empty = У вас пока нет сертификатов. Завершите курс, чтобы получить сертификат.
certificates-course = Курс
certificates-issued = Выдан
certificates-expires = Действителен до
certificates-status = Статус
certificates-code = Код
certificates-get = Скачать
certificates-download-pdf = PDF: { $course }
certificates-download-credential = Цифровое удостоверение: { $course }
certificate-status-valid = Действителен
certificate-status-expired = Истёк
certificate-status-revoked = Отозван
certificate-no-expiry = Бессрочно

verify-title = Проверка сертификата
verify-intro = Введите код, напечатанный на сертификате, или отсканируйте его QR-код.
verify-code-label = Код сертификата
verify-submit = Проверить
verify-not-found = Сертификата с таким кодом нет. Проверьте, что код введён так, как напечатан.
verify-genuine = Сертификат подлинный: его данные подписаны Malaka.
verify-tampered = Внимание: данные этого сертификата не совпадают с подписью Malaka. Не принимайте его.
verify-revoked = Сертификат отозван { $date }.
verify-revoked-reason = Причина: { $reason }
verify-expired = Срок действия сертификата истёк { $date }.
verify-renewed = Этот сертификат заменён более новым по тому же курсу.
verify-learner = Кому выдан
verify-course = Курс
verify-version = Версия курса
verify-score = Результат
verify-issued = Дата выдачи
verify-expires = Действителен до
verify-status = Статус
verify-public-key = Цифровые удостоверения подписаны открытым ключом, опубликованным по адресу
revoke-title = Отозвать сертификат
revoke-reason = Причина (будет показана на этой странице)
revoke-submit = Отозвать

outbox-title = Доставка писем
outbox-pending = { $count ->
    [one] { $count } письмо ожидает отправки.
    [few] { $count } письма ожидают отправки.
   *[other] { $count } писем ожидают отправки.
}
outbox-failed-title = Письма, которые не удалось доставить
outbox-failed-empty = Недоставленных писем нет.
outbox-recipient = Получатель
outbox-kind = Сообщение
outbox-attempts = Попытки
outbox-error = Последняя ошибка
outbox-retry = Повторить

certificate-pdf-brand = MALAKA · ПОВЫШЕНИЕ КВАЛИФИКАЦИИ
certificate-pdf-title = Сертификат
certificate-pdf-certifies = Настоящим подтверждается, что
certificate-pdf-completed = успешно завершил(а) курс
certificate-pdf-score = Результат: { $score }%
certificate-pdf-version = Версия курса { $version }
certificate-pdf-issued = Дата выдачи: { $date }
certificate-pdf-valid-until = Действителен до: { $date }
certificate-pdf-no-expiry = Бессрочный
certificate-pdf-code = Код сертификата: { $code }
certificate-pdf-verify = Проверить: { $url }

email-greeting = Здравствуйте, { $name }!
email-certificate-subject = Ваш сертификат: { $course }
email-certificate-body = Поздравляем с завершением курса «{ $course }». Сертификат приложен к письму в формате PDF. Любой может проверить его подлинность по адресу ниже.
email-certificate-code = Код сертификата: { $code }
email-expiring-subject = Срок действия сертификата «{ $course }» истекает через { $days } дн.
email-expiring-body = Срок действия вашего сертификата по курсу «{ $course }» истекает через { $days } дн. Чтобы продлить его, пройдите итоговый тест курса ещё раз.
email-signature = Malaka: повышение квалификации государственных служащих

nav-author = Редактор курсов
author-title = Редактор курсов
author-intro = Все курсы каталога и результаты их проверки. Откройте файл урока, чтобы править его как черновик; предпросмотр показывает урок так, как его увидят слушатели.
author-valid = Ошибок нет
author-problems = { $count ->
    [one] { $count } ошибка
    [few] { $count } ошибки
   *[other] { $count } ошибок
}
author-markdown = Текст урока (Markdown)
author-save = Сохранить черновик и показать
author-preview = Предпросмотр
author-draft-saved = Вы редактируете сохранённый черновик. Слушатели пока видят опубликованный урок.

author-publish = Опубликовать черновики курса как новую версию
author-history = История версий
author-changes = Что изменилось в версии { $version }
author-no-versions = Из редактора ещё ничего не публиковалось.
author-version = Версия { $version }, { $date }
author-show-changes = Показать изменения
author-export = Скачать как zip
author-import-label = Новый курс в zip-архиве (скачанный здесь или созданный командой `courses export`)
author-import = Загрузить курс
author-imported = Курс «{ $course }» добавлен в каталог.
author-import-refused = Загрузка отклонена, ничего не изменено:
