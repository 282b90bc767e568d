skip-to-content = Asosiy mazmunga oʻtish
nav-label = Asosiy menyu
nav-my-learning = Mening taʼlimim
nav-catalog = Kurslar katalogi
nav-team = Xodimlar natijalari
language-label = Til
sign-out = Chiqish
breadcrumb-label = Siz shu yerdasiz
progress-percent = { $percent }% bajarildi

error-not-signed-in = Davom etish uchun tizimga kiring.
error-forbidden = Bu sahifaga kirish huquqingiz yoʻq.
error-not-found = Bunday sahifa mavjud emas.
error-rate-limited = Urinishlar juda koʻp. Bir daqiqa kutib, qaytadan urinib koʻring.
error-invalid = Soʻrov notoʻgʻri.
error-internal = Serverda xatolik yuz berdi. Keyinroq qayta urinib koʻring.

sign-in-title = Tizimga kirish
sign-in-email = Elektron pochta
sign-in-password = Parol
sign-in-submit = Kirish
sign-in-error-credentials = Elektron pochta yoki parol notoʻgʻri.
sign-in-error-rate-limited = Kirish urinishlari juda koʻp. Bir daqiqa kutib, qaytadan urinib koʻring.
demo-title = Namoyish hisoblari
demo-accounts = Bu namoyish serveri. Quyidagi hisoblar bilan kirishingiz mumkin:
demo-password = Barcha namoyish hisoblari uchun parol:

my-learning-title = Mening taʼlimim
my-learning-empty = Sizda hali kurslar yoʻq. Kursni tanlang:
catalog-title = Kurslar katalogi

course-minutes = taxminan { $minutes } daqiqa
course-lessons = { $count } ta dars
course-enrol = Roʻyxatdan oʻtish
course-start = Boshlash
course-resume = Davom ettirish
course-completed = Tugatilgan
course-updated = Oxirgi yangilanish: { $date } ({ $version }-versiya)
course-audience = Kim uchun:
course-lessons-heading = Darslar

lesson-state-completed = Tugatilgan
lesson-state-started = Boshlangan
lesson-state-not-started = Boshlanmagan
lesson-minutes = { $minutes } daqiqa
lesson-position = { $total } ta darsdan { $position }-dars
lesson-fallback = Bu dars hali sizning tilingizga tarjima qilinmagan, shuning uchun { $language } tilida koʻrsatilmoqda.
lesson-previous = Oldingi:
lesson-next = Keyingi:
lesson-completed = Siz bu darsni tugatdingiz.
lesson-mark-complete = Tugatildi deb belgilash
lesson-progress-label = Sizning natijangiz
lesson-pager-label = Darslar

team-title = Xodimlar natijalari
team-caption = Boʻlinmalaringiz xodimlarining kurslari
team-course = Kurs
team-enrolled = Roʻyxatdan oʻtgan
team-completed = Tugatgan
team-in-progress = Jarayonda
team-not-started = Boshlamagan
team-overdue = Muddati oʻtgan

check-heading = Oʻzingizni tekshiring
check-number = { $number }-savol
check-submit = Javobni tekshirish
check-your-answer = Sizning javobingiz
check-your-number = Sizning javobingiz (son)
check-true = Toʻgʻri
check-false = Notoʻgʻri
check-choose = Tanlang…
check-position = Oʻrni…
check-result-right = Toʻgʻri!
check-result-partly = Qisman toʻgʻri ({ $percent }%).
check-result-wrong = Unchalik emas.
