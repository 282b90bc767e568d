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
check-error-unanswered = Сначала выберите или введите ответ.
check-error-number = Введите число, например 26 или 3,5.
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
quiz-attempt-closed = Эта попытка закрыта: она отправлена или время вышло. Ранее сохранённые ответы учитываются.
quiz-blocked-no-attempts = Вы использовали все попытки. Обратитесь к преподавателю.
quiz-blocked-retake-delay = Повторить можно позже: новая попытка откроется через несколько часов после предыдущей.
quiz-blocked-revoked = Ваш сертификат по этому курсу отозван, поэтому пройти тест снова можно только после разрешения администратора.
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
lift-bar-title = Разрешить владельцу снова получить сертификат по этому курсу
lift-bar-explanation = Сертификат остаётся отозванным. Попытки теста считаются заново с этого момента, а успешная сдача выдаёт новый сертификат.
lift-bar-reason = Причина (сохраняется в журнале аудита)
certificate-error-reason = Укажите причину длиной от 1 до 500 символов.
certificate-error-not-revoked = Запрет на курс действует только при отозванном сертификате: снимать нечего.
lift-bar-submit = Разрешить снова
verify-barred = Владелец не может снова получить сертификат по этому курсу, пока администратор не разрешит.

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

# HR and administration: organisation, staff imports, invitations, assignments
nav-assignments = Назначение курсов
nav-organisation = Организационная структура
org-title = Организационная структура
org-import-link = Импортировать сотрудников из файла CSV
org-empty = Подразделений пока нет. Сначала добавьте министерство.
org-caption = Министерства, департаменты и подразделения
org-unit = Подразделение
org-kind = Тип
org-region = Регион
org-people = Сотрудники
org-kind-ministry = Министерство
org-kind-department = Департамент
org-kind-unit = Подразделение
org-add-title = Добавить подразделение
org-add-parent = Входит в состав
org-add-no-parent = Никуда не входит (новое министерство)
org-add-name = Название
org-add-region = Регион
org-add-submit = Добавить подразделение
import-title = Импорт сотрудников
import-intro = Загрузите файл CSV, сохранённый в Excel в формате «CSV UTF-8»: по одному сотруднику на строку, значения разделены запятыми или точками с запятой. В первой строке указываются названия столбцов, например:
import-columns = Обязательные столбцы: name (ФИО), email (электронная почта) и unit (подразделение: полный путь к нему или только название, если других подразделений с таким названием нет). Необязательные: position (должность), language (язык: uz, ru или en; если не указан — узбекский) и role (роль: officer — служащий, trainer — преподаватель, hr — кадровая служба или admin — администратор; если не указана — officer). Пока вы не ознакомитесь с отчётом, ничего не создаётся.
import-file-label = Файл со списком сотрудников (CSV)
import-check = Проверить файл
import-error-too-large = Файл слишком большой: разделите его на файлы размером не более 8 МБ.
import-error-no-file = Выберите файл для загрузки.
import-error-problems = В файле есть ошибки: исправьте их или импортируйте только строки без ошибок.
import-error-nothing = Ни одну строку этого файла нельзя импортировать.
import-error-applied = Этот файл уже импортирован.
import-report-title = Отчёт об импорте сотрудников
import-summary = { $rows ->
    [one] { $rows } строка
    [few] { $rows } строки
    [many] { $rows } строк
   *[other] { $rows } строк
}: { $clean ->
    [one] { $clean } готова к импорту
    [few] { $clean } готовы к импорту
    [many] { $clean } готовы к импорту
   *[other] { $clean } готовы к импорту
}, { $problems ->
    [one] { $problems } ошибка
    [few] { $problems } ошибки
    [many] { $problems } ошибок
   *[other] { $problems } ошибок
}.
import-applied = { $count ->
    [one] { $date } добавлен { $count } сотрудник, приглашение отправлено по электронной почте.
    [few] { $date } добавлены { $count } сотрудника, приглашения отправлены по электронной почте.
    [many] { $date } добавлено { $count } сотрудников, приглашения отправлены по электронной почте.
   *[other] { $date } добавлено { $count } сотрудников, приглашения отправлены по электронной почте.
}
import-nothing-clean = Ни одну строку нельзя импортировать: исправьте файл и загрузите его снова.
import-apply = { $count ->
    [one] Добавить { $count } сотрудника и отправить приглашение
    [few] Добавить { $count } сотрудников и отправить приглашения
    [many] Добавить { $count } сотрудников и отправить приглашения
   *[other] Добавить { $count } сотрудников и отправить приглашения
}
import-fix-or-partial = Исправьте файл и загрузите его снова или импортируйте только строки без ошибок.
import-apply-clean = { $count ->
    [one] Импортировать только { $count } строку без ошибок
    [few] Импортировать только { $count } строки без ошибок
    [many] Импортировать только { $count } строк без ошибок
   *[other] Импортировать только { $count } строк без ошибок
}
import-problems-caption = Ошибки по строкам файла
import-privileged-caption = Эти строки дают больше прав, чем у сотрудника: проверьте каждого человека
import-privileged-person = Человек
import-privileged-confirm = Я проверил(а) { $count } человек(а) выше и подтверждаю указанные для них права
import-privileged-unconfirmed = Этот файл даёт права администратора, кадровой службы или тренера: проверьте людей в отчёте и подтвердите их перед импортом.
import-line = Строка
import-problem = Ошибка
import-another = Загрузить другой файл
import-problem-not-utf8 = Эта строка не является текстом в кодировке UTF-8. Сохраните файл в Excel в формате «CSV UTF-8 (comma delimited)» (в русской версии Excel — «CSV UTF-8 (разделитель — запятая)»).
import-problem-no-rows = В файле нет ни одного сотрудника.
import-problem-too-many = { $max ->
    [one] В файле больше { $max } строки: разделите его на несколько файлов.
    [few] В файле больше { $max } строк: разделите его на несколько файлов.
    [many] В файле больше { $max } строк: разделите его на несколько файлов.
   *[other] В файле больше { $max } строк: разделите его на несколько файлов.
}
import-problem-missing-column = В первой строке нет столбца «{ $column }».
import-problem-field-count = В этой строке { $found ->
    [one] { $found } значение
    [few] { $found } значения
    [many] { $found } значений
   *[other] { $found } значений
}, а в первой строке { $expected ->
    [one] { $expected } столбец
    [few] { $expected } столбца
    [many] { $expected } столбцов
   *[other] { $expected } столбцов
}.
import-problem-missing-value = Столбец «{ $column }» не заполнен.
import-problem-email = «{ $value }» не является адресом электронной почты.
import-problem-duplicate = Этот адрес электронной почты уже указан в строке { $line }.
import-problem-taken = Учётная запись { $value } уже существует.
import-problem-unit = Подразделение «{ $value }» не найдено.
import-problem-ambiguous = Подразделений с названием «{ $value }» несколько: укажите полный путь, например: Министерство / Департамент / Подразделение.
import-problem-language = Неизвестный язык «{ $value }»: укажите uz, ru или en.
import-problem-role = Неизвестная роль «{ $value }»: укажите officer, trainer, hr или admin.
invite-title = Задайте пароль
invite-welcome = Добро пожаловать в Malaka, { $name }! Чтобы завершить настройку учётной записи, придумайте пароль.
invite-password = Новый пароль
invite-password-rule = Не менее 10 символов, не распространённый и не утёкший пароль. Короткую фразу легко запомнить и трудно подобрать.
invite-password-again = Повторите пароль
invite-submit = Сохранить пароль
invite-error-mismatch = Пароли не совпадают.
invite-error-password = Пароль должен содержать от 10 до 128 символов.
password-error-guessable = Этот пароль из тех, что злоумышленники пробуют первыми (утёкший, распространённый, имя, дата или ряд клавиш). Выберите другой: хорошо подходят несколько не связанных между собой слов.
invite-unusable-title = Эта ссылка недействительна
invite-unusable = Она уже использована, срок её действия истёк или она скопирована не полностью. Попросите администратора прислать новое приглашение.
invite-accepted = Пароль установлен. Войдите, указав свою электронную почту и новый пароль.
sign-in-forgot = Забыли пароль?
forgot-title = Сброс пароля
forgot-intro = Укажите адрес электронной почты, с которым вы входите. Если он принадлежит учётной записи, мы пришлём ссылку для выбора нового пароля.
forgot-submit = Прислать ссылку
forgot-sent = Если этот адрес принадлежит учётной записи, письмо со ссылкой уже отправлено. Ссылка действует один раз в течение { $minutes } мин. Письма нет? Проверьте папку «Спам» или обратитесь к администратору.
forgot-back = Вернуться ко входу
reset-title = Новый пароль
reset-intro = { $name }, придумайте новый пароль. Вы выйдете на всех устройствах.
reset-submit = Сохранить новый пароль
reset-unusable = Она уже использована, срок её действия истёк (ссылка действует 15 минут) или она скопирована не полностью.
reset-ask-again = Запросить новую ссылку
reset-done = Новый пароль сохранён, на всех устройствах выполнен выход. Войдите с новым паролем.
email-invitation-subject = Ваша учётная запись в Malaka
email-invitation-body = Для вас создана учётная запись в Malaka — платформе повышения квалификации государственных служащих. Откройте ссылку ниже, чтобы задать пароль.
email-invitation-expiry = { $days ->
    [one] Ссылкой можно воспользоваться только один раз; она действует { $days } день.
    [few] Ссылкой можно воспользоваться только один раз; она действует { $days } дня.
    [many] Ссылкой можно воспользоваться только один раз; она действует { $days } дней.
   *[other] Ссылкой можно воспользоваться только один раз; она действует { $days } дней.
}
email-reset-subject = Сброс пароля в Malaka
email-reset-body = Кто-то, вероятно вы, запросил сброс пароля вашей учётной записи в Malaka. Откройте ссылку ниже, чтобы выбрать новый пароль. Если это были не вы, просто проигнорируйте письмо: пароль останется прежним.
email-reset-expiry = Ссылка действует один раз, в течение { $minutes } мин.
assign-title = Обязательное обучение
assign-done = { $count ->
    [one] Курс назначен { $count } сотруднику.
    [few] Курс назначен { $count } сотрудникам.
    [many] Курс назначен { $count } сотрудникам.
   *[other] Курс назначен { $count } сотрудникам.
}
assign-none = Пока ни один курс не назначен.
assign-caption = Действующие назначения
assign-actions = Действия
assign-cancel = Отменить
assign-cancelled = Назначение отменено. Прогресс сотрудников сохранён; для тех, кто не завершил курс, срок больше не действует.
assign-course = Курс
assign-audience = Кому
assign-due = Срок прохождения
assign-repeat = Периодичность
assign-people = Сотрудники
assign-once = Однократно
assign-every = { $months ->
    [one] Каждый { $months } месяц
    [few] Каждые { $months } месяца
    [many] Каждые { $months } месяцев
   *[other] Каждые { $months } месяцев
}
assign-to-unit = Подразделение и его структурные подразделения
assign-to-position = Все сотрудники, занимающие должность
assign-to-people = Список сотрудников
assign-new = Назначить курс
assign-unit-label = Подразделение
assign-position-label = Должность
assign-people-label = Адреса электронной почты, по одному на строку
assign-repeat-label = Повторять каждые … мес. (если пусто — однократно)
assign-submit = Назначить
assign-error-audience = Выберите, кому назначается курс, и заполните соответствующее поле.
assign-error-due = Укажите срок прохождения.
assign-error-due-passed = Указанный срок уже прошёл.
assign-error-recur = Укажите периодичность от 1 до 60 месяцев или оставьте поле пустым.
assign-error-position = Укажите должность.
assign-error-people = Следующие адреса электронной почты не относятся к сотрудникам ваших подразделений:
assign-error-scope = Вы можете назначать обучение только своим подразделениям.
import-recent = Последние загрузки
import-recent-applied = импортирован
import-recent-waiting = не импортирован
course-due = Срок: до { $date }
course-overdue = Просрочено с { $date }

# HR reports: dashboard, people, transcripts, exports
nav-reports = Отчёты
team-person = Сотрудник
report-title = Отчёты об обучении
report-drilled = Показано подразделение { $unit } и его структурные подразделения.
report-all-units = Показать все мои подразделения
report-totals = { $total ->
    [one] { $total } запись на курс
    [few] { $total } записи на курсы
    [many] { $total } записей на курсы
   *[other] { $total } записей на курсы
}: { $completed ->
    [one] { $completed } завершена
    [few] { $completed } завершены
    [many] { $completed } завершено
   *[other] { $completed } завершено
} ({ $percent }%), { $overdue ->
    [one] { $overdue } просрочена
    [few] { $overdue } просрочены
    [many] { $overdue } просрочено
   *[other] { $overdue } просрочено
}.
report-export = Скачать
report-export-people = Сотрудники
report-by-unit = По подразделениям
report-by-region = По регионам
report-people = Сотрудники
report-people-caption = Сотрудники и курсы по фильтру ({ $count }), сначала просроченные
report-flagged = Завершения, требующие проверки
report-flagged-intro = Курс завершён менее чем за четверть расчётного времени или итоговый тест пройден менее чем за минуту. Время учитывается по страницам уроков; у сотрудника, читавшего материалы офлайн, может быть уважительная причина.
report-flagged-none = Слишком быстрых завершений нет.
report-any = Все
report-status = Статус
report-due-from = Срок с
report-due-to = Срок по
report-apply = Показать
report-total = Записаны
report-completion = Доля прошедших
report-completed-on = Дата завершения
report-score = Результат
report-time = Затраченное время
report-minutes-of = { $spent } из { $estimated } мин
report-minutes = { $minutes } мин
report-pages = Страницы списка сотрудников
report-previous = Предыдущая страница
report-next = Следующая страница
report-page = Страница { $page } из { $pages }
report-chart-done = { $percent }% из { $total }
report-chart-as-table = Те же данные в таблице
report-status-completed = Пройден
report-status-in_progress = В процессе
report-status-not_started = Не начат
report-status-overdue = Просрочен
report-flag-reading = слишком быстрое чтение
report-flag-quiz = тест пройден за секунды
report-position = Должность
report-enrolled = Дата записи
report-estimated = Расчётное время, мин
report-quiz-seconds = Время на тест, с
report-flags = Для проверки
report-lessons = Уроки
transcript-caption = Курсы, прогресс, результаты и сертификаты
transcript-certificate-valid = (действителен)
transcript-certificate-expired = (истёк)
transcript-certificate-revoked = (отозван)
transcript-rounds-caption = Прошлые циклы периодического обучения
report-minutes-header = Затрачено, мин

# Training reminders and managers' digests
email-due-soon-subject = Напоминание: курс «{ $course }» нужно пройти до { $date }
email-due-soon-body = Курс «{ $course }» для вас обязателен, срок — { $date }. Продолжить с того места, где вы остановились, можно по ссылке ниже.
email-overdue-subject = Просрочено: курс «{ $course }» нужно было пройти до { $date }
email-overdue-body = Обязательный курс «{ $course }» нужно было пройти до { $date }, но он ещё не завершён. Пожалуйста, пройдите его как можно скорее: кадровая служба видит, что срок истёк.
email-round-opened-subject = Пора повторить: курс «{ $course }» нужно снова пройти до { $date }
email-round-opened-body = Обязательный курс «{ $course }» проходят регулярно, и следующий раз его нужно пройти до { $date }. Прежнее прохождение остаётся в вашей истории обучения. Уроки отмечены как непрочитанные, чтобы вы прошли актуальную версию, и итоговый тест снова открыт.
email-digest-subject = Просроченное обучение: { $unit }
email-digest-body = В подразделении «{ $unit }» и входящих в него подразделениях просрочено обязательных курсов: { $count }.
org-manager = Руководитель
org-manager-label = Эл. почта руководителя (еженедельная сводка о просроченном обучении)
org-manager-submit = Назначить руководителя
org-manager-none = не назначен

# The audit log
nav-audit = Журнал аудита
audit-title = Журнал аудита
audit-intro = Каждый импорт, принятое приглашение, назначение, изменение подразделений и руководителей, повторная отправка письма и отзыв — сначала новые. Записи нельзя изменить или удалить.
audit-search = Поиск по действиям, объектам и подробностям
audit-search-submit = Найти
audit-count = { $count ->
    [one] { $count } запись
    [few] { $count } записи
    [many] { $count } записей
   *[other] { $count } записей
}
audit-when = Когда
audit-who = Кто
audit-action = Действие
audit-subject = Объект
audit-detail = Подробности
audit-address = Адрес

# People, for admins
nav-people = Сотрудники
people-title = Сотрудники
people-search = Поиск по имени или эл. почте
people-count = { $count ->
    [one] { $count } сотрудник
    [few] { $count } сотрудника
    [many] { $count } сотрудников
   *[other] { $count } сотрудников
}
people-role = Роль
people-end-sessions = Выйти на всех устройствах
people-end-sessions-explanation = Завершает все сеансы этого человека на всех устройствах, например после потери телефона. Войти снова можно.
people-sessions-ended = Все сеансы этого человека завершены.
people-active = Может войти
people-active-label = Учётная запись активна (сотрудник может войти)
people-yes = Да
people-no = Нет
people-role-officer = Служащий
people-role-trainer = Преподаватель
people-role-hr = Кадровая служба
people-role-admin = Администратор
people-transcript = История обучения
people-saved = Сохранено. Новая роль или отключение учётной записи завершают открытые сеансы сотрудника.
people-error-self = Нельзя отнять у себя права администратора.
people-error-role = Выберите одну из ролей в списке.
people-awaiting-password = Сотрудник приглашён, но ещё не задал пароль. Новая ссылка заменяет прежние и действует 14 дней.
people-resend-invitation = Отправить новое приглашение
people-invitation-sent = Новое приглашение отправлено.
people-error-has-password = Этот сотрудник уже задал пароль.
people-error-email = Введите адрес электронной почты, например name@agency.gov.uz.
people-error-email-taken = Учётная запись с этим адресом уже существует.
org-error-unit-name = У подразделения должны быть название (без «/») и регион.
org-error-manager = Нет активной учётной записи с этим адресом.
people-save = Сохранить

# Own account
account-title = Ваша учётная запись
account-password-heading = Смена пароля
account-current-password = Текущий пароль
account-password-signs-out = После смены пароля вы выйдете на всех других устройствах.
account-password-submit = Сменить пароль
account-password-changed = Пароль изменён. На других устройствах выполнен выход.
account-error-current = Текущий пароль указан неверно.
