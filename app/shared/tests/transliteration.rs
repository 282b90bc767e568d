//! Uzbek Cyrillic shown to staff is generated from the Latin source, so it must match published
//! spellings word for word, and must never touch code, addresses or markup.

use malaka_shared::script::latin_to_cyrillic;

// Latin and Cyrillic spellings of the same word. Sources:
// - "Oʻzbek tilining asosiy imlo qoidalari" (Vazirlar Mahkamasining 1995-yil 24-avgustdagi
//   339-son qarori): the example words of its rules for each letter and for the tutuq belgisi,
//   and its appendix on Cyrillic letters ("Imlo qoidalari"ga ilova: ёмғир – yomgʻir, бюджет –
//   budjet, маъно – maʼno, конституция – konstitutsiya). Copies read:
//   http://azkurs.org/imlo-qoidalari-ozbek-lotin-alifbosi-boyicha-v2.html?page=2 ,
//   http://azkurs.org/pars_docs/refs/88/87093/azkurs.org/pdfview/imlo-qoidalari-ozbek-lotin-alifbosi-boyicha.html?page=11 ,
//   http://azkurs.org/imlo-qoidalari-ozbek-lotin-alifbosi-boyicha.html?page=12 ,
//   http://ininet.org/ozbek-tilining-asosiy-imlo-qoidalarini-tasdiqlash-haqida/ininet.org/ozbek-tilining-asosiy-imlo-qoidalarini-tasdiqlash-haqida.html?page=4 ,
//   http://muhaz.org/imlo-qoidalari.html?page=3 (Isʼhoq, asʼhob).
//   Their Cyrillic forms follow the resolution's letter correspondence.
// - "Vikipediya:Oʻzbek lotin alifbosi qoidalari",
//   https://uz.wikipedia.org/wiki/Vikipediya:O%CA%BBzbek_lotin_alifbosi_qoidalari (Kirill/Lotin
//   tables: federatsiya, yengil, Nizoyev, qayerda, dorixona, BARCHAMIZNI, CHIQISH, Shahar).
// - Orif Tolib, "“E” harfli soʻzlar imlosi", https://oriftolib.uz/e-harfli-sozlar-imlosi/
//   (e after a vowel: poeziya, maestro, aloe, beeʼtibor).
// - The same speech (Saida Mirziyoyeva at "Zakovat", Samarqand) published in both scripts, kept
//   as the test fixtures latinText.txt and cyrillicText.txt of
//   https://github.com/diyorbek/lotin-kirill/tree/master/__tests__/fixtures (its spelling ‘ for
//   oʻ is kept).
// - Government words of Malaka's courses, spelled by the resolution's letter correspondence.
//
// Left out on purpose: words whose Cyrillic keeps a Russian ь, ц or ъ that Latin does not show
// and that script.rs does not list as an exception (asfalt асфальт, sirk цирк, moʻjiza мўъжиза).
const WORDS: &[(&str, &str)] = &[
    // Imlo qoidalari, vowels (rules 1 to 7).
    ("aka", "ака"),
    ("alanga", "аланга"),
    ("aloqa", "алоқа"),
    ("ogʻa", "оға"),
    ("sentabr", "сентябр"),
    ("bahor", "баҳор"),
    ("zamon", "замон"),
    ("savol", "савол"),
    ("gavda", "гавда"),
    ("vasvasa", "васваса"),
    ("vaqt", "вақт"),
    ("vahm", "ваҳм"),
    ("ona", "она"),
    ("omon", "омон"),
    ("quyosh", "қуёш"),
    ("fido", "фидо"),
    ("baho", "баҳо"),
    ("xola", "хола"),
    ("lotin", "лотин"),
    ("mukofot", "мукофот"),
    ("mahorat", "маҳорат"),
    ("boks", "бокс"),
    ("poyezd", "поезд"),
    ("tonna", "тонна"),
    ("talon", "талон"),
    ("agronom", "агроном"),
    ("mikrofon", "микрофон"),
    ("direktor", "директор"),
    ("termos", "термос"),
    ("ish", "иш"),
    ("iz", "из"),
    ("qil", "қил"),
    ("xirmon", "хирмон"),
    ("ilhom", "илҳом"),
    ("ikki", "икки"),
    ("ixtisos", "ихтисос"),
    ("shoyi", "шойи"),
    ("tulki", "тулки"),
    ("volida", "волида"),
    ("piramida", "пирамида"),
    ("bilan", "билан"),
    ("biroq", "бироқ"),
    ("sira", "сира"),
    ("qishloq", "қишлоқ"),
    ("chiroq", "чироқ"),
    ("oʻtin", "ўтин"),
    ("oʻrik", "ўрик"),
    ("boʻlim", "бўлим"),
    ("uy", "уй"),
    ("kun", "кун"),
    ("buzoq", "бузоқ"),
    ("buloq", "булоқ"),
    ("Buxoro", "Бухоро"),
    ("butun", "бутун"),
    ("uchuq", "учуқ"),
    ("usul", "усул"),
    ("yulduz", "юлдуз"),
    ("mafkura", "мафкура"),
    ("koʻzgu", "кўзгу"),
    ("uyqu", "уйқу"),
    ("yubiley", "юбилей"),
    ("qovun", "қовун"),
    ("sovun", "совун"),
    ("tovush", "товуш"),
    ("yovuz", "ёвуз"),
    ("qirgʻovul", "қирғовул"),
    ("chirmovuq", "чирмовуқ"),
    ("oʻt", "ўт"),
    ("oʻq", "ўқ"),
    ("oʻzbek", "ўзбек"),
    ("oʻsimlik", "ўсимлик"),
    ("doʻppi", "дўппи"),
    ("boʻtakoʻz", "бўтакўз"),
    ("semizoʻt", "семизўт"),
    ("gulkoʻrpa", "гулкўрпа"),
    ("ekin", "экин"),
    ("esla", "эсла"),
    ("evara", "эвара"),
    ("ekran", "экран"),
    ("eksport", "экспорт"),
    ("kel", "кел"),
    ("zehn", "зеҳн"),
    ("kecha", "кеча"),
    ("behi", "беҳи"),
    ("telefon", "телефон"),
    ("teatr", "театр"),
    ("material", "материал"),
    ("milliard", "миллиард"),
    // Imlo qoidalari, consonants (rules 8 to 31).
    ("kitob", "китоб"),
    ("yuzlab", "юзлаб"),
    ("kelib", "келиб"),
    ("qibla", "қибла"),
    ("paxta", "пахта"),
    ("pichoq", "пичоқ"),
    ("opa", "опа"),
    ("tepa", "тепа"),
    ("suv", "сув"),
    ("kuyov", "куёв"),
    ("ovoz", "овоз"),
    ("vatan", "ватан"),
    ("avtobus", "автобус"),
    ("avtomat", "автомат"),
    ("fan", "фан"),
    ("futbol", "футбол"),
    ("fizika", "физика"),
    ("juft", "жуфт"),
    ("insof", "инсоф"),
    ("isrof", "исроф"),
    ("fasl", "фасл"),
    ("fayz", "файз"),
    ("Fotima", "Фотима"),
    ("fursat", "фурсат"),
    ("moy", "мой"),
    ("muborak", "муборак"),
    ("tomon", "томон"),
    ("dala", "дала"),
    ("odat", "одат"),
    ("bunyod", "бунёд"),
    ("modda", "модда"),
    ("jiddiy", "жиддий"),
    ("obod", "обод"),
    ("savod", "савод"),
    ("marvarid", "марварид"),
    ("zavod", "завод"),
    ("sud", "суд"),
    ("badxoʻr", "бадхўр"),
    ("jon", "жон"),
    ("jahon", "жаҳон"),
    ("jiyda", "жийда"),
    ("tijorat", "тижорат"),
    ("rivoj", "ривож"),
    ("jurnal", "журнал"),
    ("ajdar", "аждар"),
    ("tiraj", "тираж"),
    ("choy", "чой"),
    ("chevar", "чевар"),
    ("chiroyli", "чиройли"),
    ("chaman", "чаман"),
    ("achchiq", "аччиқ"),
    ("uchun", "учун"),
    ("kuch", "куч"),
    ("kech", "кеч"),
    ("rahmat", "раҳмат"),
    ("rohat", "роҳат"),
    ("orom", "ором"),
    ("doira", "доира"),
    ("diyor", "диёр"),
    ("lola", "лола"),
    ("loyiq", "лойиқ"),
    ("iloj", "илож"),
    ("mahal", "маҳал"),
    ("non", "нон"),
    ("nomus", "номус"),
    ("shanba", "шанба"),
    ("yonbosh", "ёнбош"),
    ("yonma-yon", "ёнма-ён"),
    ("koʻrinmaslik", "кўринмаслик"),
    ("gul", "гул"),
    ("goʻzal", "гўзал"),
    ("ega", "эга"),
    ("gugurt", "гугурт"),
    ("koʻl", "кўл"),
    ("koʻylak", "кўйлак"),
    ("uka", "ука"),
    ("bilak", "билак"),
    ("yoʻl", "йўл"),
    ("yigit", "йигит"),
    ("yetti", "етти"),
    ("yaxshi", "яхши"),
    ("yoz", "ёз"),
    ("tuya", "туя"),
    ("dunyo", "дунё"),
    ("tayyor", "тайёр"),
    ("soy", "сой"),
    ("yangi", "янги"),
    ("koʻngil", "кўнгил"),
    ("dengiz", "денгиз"),
    ("singil", "сингил"),
    ("keling", "келинг"),
    ("bordingiz", "бордингиз"),
    ("tong", "тонг"),
    ("ming", "минг"),
    ("teng", "тенг"),
    ("qizil", "қизил"),
    ("qimiz", "қимиз"),
    ("qirq", "қирқ"),
    ("haqiqiy", "ҳақиқий"),
    ("aql", "ақл"),
    ("gʻoz", "ғоз"),
    ("bagʻir", "бағир"),
    ("togʻ", "тоғ"),
    ("xabar", "хабар"),
    ("xoʻroz", "хўроз"),
    ("xohish", "хоҳиш"),
    ("xushnud", "хушнуд"),
    ("baxt", "бахт"),
    ("axborot", "ахборот"),
    ("mix", "мих"),
    ("hosil", "ҳосил"),
    ("hamma", "ҳамма"),
    ("isloh", "ислоҳ"),
    ("nikoh", "никоҳ"),
    ("shahar", "шаҳар"),
    ("shimol", "шимол"),
    ("shoshmoq", "шошмоқ"),
    ("osh", "ош"),
    ("bosh", "бош"),
    ("Isʼhoq", "Исҳоқ"),
    ("asʼhob", "асҳоб"),
    ("baland", "баланд"),
    ("Samarqand", "Самарқанд"),
    ("doʻst", "дўст"),
    ("past", "паст"),
    ("artist", "артист"),
    ("gʻisht", "ғишт"),
    ("metall", "металл"),
    ("kilogramm", "килограмм"),
    ("kilovatt", "киловатт"),
    ("kongress", "конгресс"),
    // Imlo qoidalari, the tutuq belgisi (rule 32).
    ("aʼlo", "аъло"),
    ("baʼzan", "баъзан"),
    ("maʼyus", "маъюс"),
    ("taʼzim", "таъзим"),
    ("raʼy", "раъй"),
    ("taʼb", "таъб"),
    ("eʼlon", "эълон"),
    ("eʼtibor", "эътибор"),
    ("eʼtiqod", "эътиқод"),
    ("meʼmor", "меъмор"),
    ("neʼmat", "неъмат"),
    ("sheʼr", "шеър"),
    ("feʼl", "феъл"),
    ("Nuʼmon", "Нуъмон"),
    ("shuʼla", "шуъла"),
    ("laʼl", "лаъл"),
    ("inʼom", "инъом"),
    ("sanʼat", "санъат"),
    ("qatʼiy", "қатъий"),
    ("masʼul", "масъул"),
    ("maʼno", "маъно"),
    // Imlo qoidalari, the appendix on ё, ю, я, е, ь, ъ and ц.
    ("yosh", "ёш"),
    ("yordam", "ёрдам"),
    ("ayol", "аёл"),
    ("piyoz", "пиёз"),
    ("yer", "ер"),
    ("yem", "ем"),
    ("yetmish", "етмиш"),
    ("yelim", "елим"),
    ("ket", "кет"),
    ("ter", "тер"),
    ("mehmon", "меҳмон"),
    ("yomgʻir", "ёмғир"),
    ("zayom", "заём"),
    ("yutuq", "ютуқ"),
    ("yurist", "юрист"),
    ("yadro", "ядро"),
    ("plyonka", "плёнка"),
    ("byurokrat", "бюрократ"),
    ("slavyan", "славян"),
    ("budjet", "бюджет"),
    ("stajor", "стажёр"),
    ("flaga", "фляга"),
    ("intervyu", "интервью"),
    ("fortepyano", "фортепьяно"),
    ("premyera", "премьера"),
    ("pavilyon", "павильон"),
    ("razyezd", "разъезд"),
    ("adyutant", "адъютант"),
    ("konstitutsiya", "конституция"),
    // Vikipediya: Oʻzbek lotin alifbosi qoidalari.
    ("federatsiya", "федерация"),
    ("yengil", "енгил"),
    ("Nizoyev", "Низоев"),
    ("qayerda", "қаерда"),
    ("dorixona", "дорихона"),
    ("oktabr", "октябр"),
    ("BARCHAMIZNI", "БАРЧАМИЗНИ"),
    ("CHIQISH", "ЧИҚИШ"),
    ("Shahar", "Шаҳар"),
    // Orif Tolib: e after a vowel.
    ("poeziya", "поэзия"),
    ("maestro", "маэстро"),
    ("aloe", "алоэ"),
    ("beeʼtibor", "беэътибор"),
    // The speech in both scripts (lotin-kirill fixtures).
    ("Mirziyoyeva", "Мирзиёева"),
    ("tug‘ilganda", "туғилганда"),
    ("keyingisi", "кейингиси"),
    ("o‘g‘il", "ўғил"),
    ("deyishmasa", "дейишмаса"),
    ("Zakovat", "Заковат"),
    ("intellektual", "интеллектуал"),
    ("o‘yinlariga", "ўйинларига"),
    ("navbatdagi", "навбатдаги"),
    ("kasting", "кастинг"),
    ("shahrida", "шаҳрида"),
    ("bor-yo‘g‘i", "бор-йўғи"),
    ("yaʼni", "яъни"),
    ("ayol-qizlar", "аёл-қизлар"),
    ("Oilada", "Оилада"),
    ("yetadi", "етади"),
    ("xursandchilikning", "хурсандчиликнинг"),
    ("voyaga", "вояга"),
    ("yetkazib", "етказиб"),
    ("Xo‘p", "Хўп"),
    ("o‘qitarmiz", "ўқитармиз"),
    ("Kontraktga", "Контрактга"),
    ("suyanchiq", "суянчиқ"),
    ("taraqqiyoti", "тараққиёти"),
    ("xotin-qizlarga", "хотин-қизларга"),
    ("bog‘liq", "боғлиқ"),
    ("ekanini-chi", "эканини-чи"),
    ("To‘g‘ri", "Тўғри"),
    ("erkaklar", "эркаклар"),
    ("shakllantiradigan", "шакллантирадиган"),
    ("tarbiya", "тарбия"),
    ("madaniyatli", "маданиятли"),
    ("dunyoqarashi", "дунёқараши"),
    ("o‘xshaydi", "ўхшайди"),
    ("Go‘dak", "Гўдак"),
    ("atrof-olamni", "атроф-оламни"),
    ("erishmoq", "эришмоқ"),
    ("Erkak", "Эркак"),
    ("yelkasiga", "елкасига"),
    ("shug‘ullanadigan", "шуғулланадиган"),
    ("erta", "эрта"),
    ("yoshli", "ёшли"),
    ("edilar", "эдилар"),
    ("Sog‘inchdan", "Соғинчдан"),
    ("ezilib", "эзилиб"),
    ("kuyunganlarida", "куюнганларида"),
    ("ziyorat", "зиёрат"),
    ("Xayolan", "Хаёлан"),
    ("Maslahat", "Маслаҳат"),
    ("olg‘a", "олға"),
    ("bag‘ishlaydi", "бағишлайди"),
    ("masʼuliyati", "масъулияти"),
    ("yo‘qmi", "йўқми"),
    ("emas", "эмас"),
    ("ketyapti", "кетяпти"),
    ("tushunaylik", "тушунайлик"),
    ("uyg‘onganimizda", "уйғонганимизда"),
    ("namoyon", "намоён"),
    ("g‘ururlansak", "ғурурлансак"),
    ("Ertaga", "Эртага"),
    ("yakunladi", "якунлади"),
    ("taʼkidlashicha", "таъкидлашича"),
    // Government words of Malaka's courses.
    ("davlat", "давлат"),
    ("xizmat", "хизмат"),
    ("fuqaro", "фуқаро"),
    ("vazirlik", "вазирлик"),
    ("hokimlik", "ҳокимлик"),
    ("elektron", "электрон"),
    ("raqamli", "рақамли"),
    ("imzo", "имзо"),
    ("shaxsiy", "шахсий"),
    ("maʼlumot", "маълумот"),
    ("xavfsizlik", "хавфсизлик"),
    ("koʻrsatish", "кўрсатиш"),
    ("ariza", "ариза"),
    ("guvohnoma", "гувоҳнома"),
    ("pasport", "паспорт"),
    ("Oʻzbekiston", "Ўзбекистон"),
    ("OʻZBEKISTON", "ЎЗБЕКИСТОН"),
    ("Toshkent", "Тошкент"),
    ("TOSHKENT", "ТОШКЕНТ"),
    ("Fargʻona", "Фарғона"),
    ("Qoraqalpogʻiston", "Қорақалпоғистон"),
    ("Qashqadaryo", "Қашқадарё"),
    ("Yangiyoʻl", "Янгийўл"),
    ("Respublika", "Республика"),
    ("Prezident", "Президент"),
    ("qonun", "қонун"),
    ("qaror", "қарор"),
    ("hujjat", "ҳужжат"),
    ("tashkilot", "ташкилот"),
    ("xodim", "ходим"),
    ("lavozim", "лавозим"),
    ("malaka", "малака"),
    ("oshirish", "ошириш"),
    ("taʼlim", "таълим"),
    ("TAʼLIM", "ТАЪЛИМ"),
    ("sertifikat", "сертификат"),
    ("imtihon", "имтиҳон"),
    ("topshiriq", "топшириқ"),
    ("muddat", "муддат"),
    ("viloyat", "вилоят"),
    ("mahalla", "маҳалла"),
    ("murojaat", "мурожаат"),
    ("foydalanuvchi", "фойдаланувчи"),
    ("hisobot", "ҳисобот"),
    ("internet", "интернет"),
    ("attestatsiya", "аттестация"),
    ("identifikatsiya", "идентификация"),
    ("innovatsion", "инновацион"),
    ("obyekt", "объект"),
    ("subyekt", "субъект"),
    ("litsenziya", "лицензия"),
];

#[test]
fn the_reference_words_come_out_as_published() {
    assert!(WORDS.len() >= 200, "only {} word pairs", WORDS.len());
    let mismatches: Vec<String> = WORDS
        .iter()
        .filter_map(|&(latin, cyrillic)| {
            let got = latin_to_cyrillic(latin);
            (got != cyrillic).then(|| format!("{latin}: expected {cyrillic}, got {got}"))
        })
        .collect();
    assert!(mismatches.is_empty(), "{mismatches:#?}");
}

#[test]
fn every_apostrophe_form_makes_o_and_g_turned() {
    for mark in ['\u{02BB}', '\u{2018}', '\u{2019}', '`', '\''] {
        let latin = format!("O{mark}zbekiston o{mark}qituvchi tog{mark} G{mark}ayrat");
        assert_eq!(
            latin_to_cyrillic(&latin),
            "Ўзбекистон ўқитувчи тоғ Ғайрат",
            "with {mark:?}"
        );
    }
}

#[test]
fn an_apostrophe_inside_a_word_is_the_hard_sign() {
    assert_eq!(latin_to_cyrillic("maʼno"), "маъно");
    assert_eq!(latin_to_cyrillic("ma'no"), "маъно");
    assert_eq!(latin_to_cyrillic("ta’lim"), "таълим");
    assert_eq!(latin_to_cyrillic("A'lo A'LO"), "Аъло АЪЛО");
    // Between s and h it only separates the two letters.
    assert_eq!(latin_to_cyrillic("Is'hoq"), "Исҳоқ");
    // Quotes around a word are not part of it.
    assert_eq!(latin_to_cyrillic("'dunyo' va 'ariza'"), "'дунё' ва 'ариза'");
}

#[test]
fn a_capital_first_letter_makes_a_capital_digraph() {
    let cases = [
        ("Shahar", "Шаҳар"),
        ("SHAHAR", "ШАҲАР"),
        ("Choy", "Чой"),
        ("CHOY", "ЧОЙ"),
        ("Oʻzbek", "Ўзбек"),
        ("Gʻalaba", "Ғалаба"),
        ("Yoshlar", "Ёшлар"),
        ("Yurt", "Юрт"),
        ("Yangi", "Янги"),
        ("Yer", "Ер"),
        ("Ekran", "Экран"),
        ("Sentabr", "Сентябр"),
    ];
    for (latin, cyrillic) in cases {
        assert_eq!(latin_to_cyrillic(latin), cyrillic, "{latin}");
    }
}

#[test]
fn all_caps_stay_all_caps() {
    assert_eq!(
        latin_to_cyrillic("OʻZBEKISTON RESPUBLIKASI DAVLAT XIZMATI"),
        "ЎЗБЕКИСТОН РЕСПУБЛИКАСИ ДАВЛАТ ХИЗМАТИ"
    );
    assert_eq!(
        latin_to_cyrillic("SHAXSIY MAʼLUMOTLAR XAVFSIZLIGI"),
        "ШАХСИЙ МАЪЛУМОТЛАР ХАВФСИЗЛИГИ"
    );
    assert_eq!(
        latin_to_cyrillic("YOʻRIQNOMA, 15-SENTABR"),
        "ЙЎРИҚНОМА, 15-СЕНТЯБР"
    );
}

#[test]
fn addresses_are_left_alone() {
    assert_eq!(
        latin_to_cyrillic("Batafsil: https://my.gov.uz/oz/service va www.gov.uz saytida"),
        "Батафсил: https://my.gov.uz/oz/service ва www.gov.uz сайтида"
    );
    assert_eq!(
        latin_to_cyrillic("Savollar: info@malaka.uz manziliga yozing."),
        "Саволлар: info@malaka.uz манзилига ёзинг."
    );
    assert_eq!(
        latin_to_cyrillic("my.gov.uz portalida (my.gov.uz) ariza bering"),
        "my.gov.uz порталида (my.gov.uz) ариза беринг"
    );
    // A dotted initial is not a domain.
    assert_eq!(latin_to_cyrillic("Sh.Mirziyoyev"), "Ш.Мирзиёев");
}

#[test]
fn code_is_left_alone() {
    assert_eq!(
        latin_to_cyrillic("`cargo test` buyrugʻini ishga tushiring"),
        "`cargo test` буйруғини ишга туширинг"
    );
    assert_eq!(
        latin_to_cyrillic("Misol:\n```\nlet shahar = \"Toshkent\";\n```\nTayyor"),
        "Мисол:\n```\nlet shahar = \"Toshkent\";\n```\nТайёр"
    );
}

#[test]
fn numbers_are_left_alone() {
    assert_eq!(
        latin_to_cyrillic("Stavka 2,5 % ga oshdi, jami 100000 soʻm"),
        "Ставка 2,5 % га ошди, жами 100000 сўм"
    );
}

#[test]
fn fluent_placeables_and_markup_are_left_alone() {
    assert_eq!(
        latin_to_cyrillic("Sizda { $count } ta yangi xabar bor"),
        "Сизда { $count } та янги хабар бор"
    );
    assert_eq!(
        latin_to_cyrillic("[matn](https://example.uz/path)"),
        "[матн](https://example.uz/path)"
    );
    assert_eq!(
        latin_to_cyrillic("<b>Diqqat</b>: muddat <a href=\"/kurslar\">kurslar</a>"),
        "<b>Диққат</b>: муддат <a href=\"/kurslar\">курслар</a>"
    );
}

#[test]
fn a_full_sentence() {
    assert_eq!(
        latin_to_cyrillic(
            "Oʻzbekiston Respublikasi davlat xizmatchilarining malakasini oshirish kursi \
             15-sentabrda boshlanadi; elektron sertifikat maʼlumotlari my.gov.uz portalida \
             koʻrsatiladi."
        ),
        "Ўзбекистон Республикаси давлат хизматчиларининг малакасини ошириш курси \
         15-сентябрда бошланади; электрон сертификат маълумотлари my.gov.uz порталида \
         кўрсатилади."
    );
}
