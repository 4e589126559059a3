## Interface texts, Russian. Placeables arrive already HTML-escaped; tags here are ours.

start =
    <b>Брифинги о внешних связях Казахстана</b>
    Визиты и переговоры, договоры, торговля, люди — каждый факт со ссылкой на источник.

    Попробуйте: /country TJ · /treaty союзнич · /person Токаев
    Все команды: /help
unknown-command = Такой команды нет. Список команд — /help
plain-text-hint = Чтобы найти страну, договор или человека, используйте /country, /treaty или /person. Справка — /help
error-generic = Не получилось обработать запрос. Попробуйте ещё раз чуть позже.
query-truncated = Запрос слишком длинный — учтены первые { $limit } символов.

## /country
country-list-header = <b>Страны, по которым есть данные</b> ({ $count }):
country-list-item = { $flag } { $name } — <code>/country { $code }</code> · фактов: { $facts }
country-list-empty = В базе пока нет данных ни по одной стране.
country-not-found = Страна «{ $query }» не найдена.
country-suggestions = Возможно, вы имели в виду:
country-suggestion-item = • { $flag } { $name } — <code>/country { $code }</code>
country-no-suggestions = Проверьте написание или посмотрите список: /country
country-ambiguous = Запрос «{ $query }» подходит к нескольким странам:
country-home =
    Казахстан — страна, о внешних связях которой этот бот. Укажите партнёра, например <code>/country TJ</code>.
country-no-facts = По стране { $flag } { $name } в базе пока нет фактов.
card-title = { $flag } <b>{ $name }</b> — отношения с Казахстаном
card-level = <b>Уровень отношений:</b> { $level }
card-level-since = с { $date }
card-level-document = документ: «{ $title }»
card-level-unknown = <b>Уровень отношений:</b> в источниках не указан
card-level-previous = ранее: { $level } (с { $date })
card-agreements = <b>Ключевые документы</b> ({ $count }):
card-events = <b>Последние контакты</b> ({ $count }):
card-trade = <b>Торговля</b>:
card-people = <b>Люди</b>:
card-sources = <b>Источники</b> ({ $count }):
card-more = …и ещё { $count }
card-more-agreements = все документы: <code>/treaty { $name }</code>

## Levels of relations
level-allied = союзнические отношения
level-strategic_partnership = стратегическое партнёрство
level-allied_and_strategic_partner = союзник и стратегический партнёр
level-comprehensive_strategic_partnership = всеобъемлющее стратегическое партнёрство
level-extended_strategic_partnership = расширенное стратегическое партнёрство
level-partnership = партнёрство

## Event kinds
event-state_visit = Государственный визит
event-official_visit = Официальный визит
event-working_visit = Рабочий визит
event-visit = Визит
event-talks = Переговоры
event-meeting = Встреча
event-phone_call = Телефонный разговор
event-summit = Саммит
event-signing = Подписание
event-reception = Вручение верительных грамот
event-planned-when = запланировано, { $date }
event-planned-undated = запланировано, дата не названа
event-statement = Заявление

## Agreements
agreement-type-treaty = договор
agreement-type-agreement = соглашение
agreement-type-memorandum = меморандум
agreement-type-declaration = декларация
agreement-type-programme = программа
agreement-type-roadmap = дорожная карта
agreement-type-protocol = протокол
agreement-type-documents = документы
agreement-status-planned = { $type ->
    [documents] планируются
   *[other] планируется
}
agreement-status-signed = { $type ->
    [declaration] подписана
    [programme] подписана
    [roadmap] подписана
    [convention] подписана
    [charter] подписана
    [agreement] подписано
    [communique] подписано
    [statement] принято
    [documents] подписаны
   *[other] подписан
}
agreement-status-in_force = { $type ->
    [documents] действуют
   *[other] действует
}
agreement-signed = подписан { $date }
agreement-place = место: { $place }
agreement-period = срок: { $start }–{ $end } гг.
agreement-parties = стороны: { $parties }
agreement-quantity = { $count } документов
agreement-undated = дата подписания не указана

## /treaty
treaty-list-header = <b>Все документы</b> ({ $count }), новые сначала:
treaty-results-header = <b>Найдено по запросу «{ $query }»</b>: { $count }
treaty-not-found = По запросу «{ $query }» документов не найдено.
treaty-partial = Близкие по названию:
treaty-try = Попробуйте часть слова (<code>/treaty союзнич</code>) или посмотрите все: /treaty
treaty-empty = В базе пока нет документов.

## Trade
trade-turnover = товарооборот
trade-exports = экспорт
trade-imports = импорт
trade-investment = инвестиции
trade-share = доля во внешней торговле
trade-growth = рост торговли
trade-actual = факт
trade-target = цель
trade-target-year = цель на { $year } г.
trade-year = { $year } г.
trade-qualifier-exceeds = более
trade-qualifier-about = около
trade-qualifier-up_to = до
trade-qualifier-reached = достиг
money-bn = { $value } млрд
money-mn = { $value } млн
money-times = в { $value } раза
trade-partner-group = { $group }

## /person
person-usage = Укажите имя: <code>/person Токаев</code>, <code>/person Rahmon</code>
person-not-found = Человек «{ $query }» не найден.
person-suggestions = Возможно, вы имели в виду:
person-ambiguous = Под запрос «{ $query }» подходят несколько человек:
person-roles = <b>Должность</b>:
person-events = <b>Участие в событиях</b> ({ $count }):
person-no-events = Событий с участием этого человека в базе нет.

## Shared pieces
sources-label = Источники
source-no-outlet = издание не указано
date-range = { $start } – { $end }
month-1 = январь
month-2 = февраль
month-3 = март
month-4 = апрель
month-5 = май
month-6 = июнь
month-7 = июль
month-8 = август
month-9 = сентябрь
month-10 = октябрь
month-11 = ноябрь
month-12 = декабрь
year-suffix = { $year } г.

## Command menu (set_my_commands)
menu-country = Карточка отношений со страной
menu-treaty = Договоры и соглашения
menu-person = Люди и их должности
menu-help = Справка и примеры

## Browsing (/search, /timeline, /trade, /latest, /sources, buttons)
search-usage = Напишите, что найти: <code>/search визит Токаева в Душанбе</code>, <code>/search товарооборот 2 млрд</code>
search-header = <b>Поиск «{ $query }»</b>: { $count }
search-nothing = По запросу «{ $query }» ничего не найдено. Попробуйте другие слова или часть слова.
kind-event = событие
kind-agreement = документ
kind-trade = торговля
kind-person = человек
kind-article = статья
timeline-header = <b>Хронология{ $scope }</b>: { $count }
timeline-scope-country = : { $name }
timeline-scope-years = , { $years }
timeline-empty = Событий и подписаний за этот период в базе нет.
timeline-bad-years = Годы нужны в виде <code>2024</code> или <code>2024-2026</code>, от 1900 до 2100.
sources-header = <b>Источники{ $scope }</b>: { $count }
sources-facts = фактов: { $count }
sources-empty = Источников пока нет.
people-header = <b>Люди: { $name }</b> ({ $count })
people-empty = Людей, связанных с этой страной, в базе нет.
agreements-header = <b>Документы: { $name }</b> ({ $count })
agreements-empty = Документов с этой страной в базе нет.
page-of = стр. { $page } из { $pages }
button-prev = ◀ Назад
button-next = Далее ▶
button-agreements = 📄 Документы
button-timeline = 🗓 Хронология
button-trade = 📈 Торговля
button-people = 👤 Люди
button-sources = 📰 Источники
list-expired = Этот список устарел — запросите его заново.
item-missing = Этой записи больше нет в базе.
trade-header = { $flag } <b>Торговля Казахстана: { $name }</b>
trade-no-figures = По стране { $flag } { $name } торговых показателей в базе нет.
trade-overview-header = <b>Торговые показатели есть по странам</b> ({ $count }):
trade-overview-item = { $flag } { $name } — <code>/trade { $code }</code> · показателей: { $count }
trade-overview-empty = Торговых показателей в базе пока нет.
trade-chart-caption = { $flag } { $name }: товарооборот с Казахстаном, млрд долл. США. Факт — линия, цели — ромбы и пунктир.
chart-title = Казахстан — { $name }: торговля
chart-y-axis = млрд долл. США
chart-x-axis = год
chart-actual = факт
chart-target = цель
chart-target-open = цель без срока
latest-header = <b>Новые записи</b> ({ $count }):
latest-empty = Записей пока нет.
latest-bad-number = Число записей — от 1 до { $max }: <code>/latest 20</code>
country-required-not-found = Страна «{ $query }» не найдена.

## /lang
lang-current = Язык интерфейса: <b>русский</b>. Выберите:
lang-set = Готово: интерфейс на русском.
lang-unknown = Доступны языки: <code>/lang ru</code>, <code>/lang en</code>.

## Inline mode
inline-card-description = Отношения с Казахстаном: уровень, документы, контакты, торговля
inline-agreement-description = { $type }, { $date }
inline-countries-hint = Страны, по которым есть данные

menu-search = Поиск по всем фактам
menu-timeline = Хронология контактов и подписаний
menu-trade = Торговля и график
menu-latest = Новые записи
menu-sources = Источники данных
menu-lang = Язык интерфейса

## Language names, each in itself
language-name-ru = Русский
language-name-en = English
search-warming = Поиск готовится после перезапуска — попробуйте через несколько секунд. Остальные команды уже работают.

## Digests
digest-header = <b>Дайджест: новое в базе</b> · { $period }
digest-other = Многосторонние
digest-nothing-new = Дайджест · { $period }: новых записей нет.

## Subscriptions
subscribe-choose-frequency = Как часто присылать дайджест{ $scope }?
subscribe-choose-weekday = В какой день недели?
subscribe-choose-time = Во сколько? (Часовой пояс — следующим шагом.) Другое время — одной строкой: <code>/subscribe daily 07:45</code>
subscribe-choose-zone = В каком часовом поясе? Или напишите его имя, например <code>Asia/Karachi</code>.
subscribe-choose-countries = По каким странам? Выберите до { $max } и нажмите «Готово» — или все сразу.
subscribe-sample-header = <b>Вот что будет приходить</b> — записи за последний месяц так, как их покажет ваш дайджест:
subscribe-sample-empty = За последний месяц новых записей по этим странам не было; первый дайджест принесёт то, что появится.
button-flow-back = ◀ Назад
button-all-countries = 🌍 Все страны
button-countries-done = ✔ Готово ({ $count })
subscribe-scope = { " " }по стране { $name }
subscribe-done = Готово: { $description }. Следующий дайджест — { $next }.
subscribe-exists = Такая подписка уже есть: { $description }.
subscribe-too-many = В этом чате уже { $max } подписок — удалите лишнюю: /subscriptions
subscribe-bad-time = Время «{ $value }» не подходит: нужно ЧЧ:ММ от 00:00 до 23:59, например <code>08:30</code>.
subscribe-bad-timezone = Часовой пояс «{ $value }» не найден. Нужно имя IANA, например <code>Asia/Almaty</code> или <code>Europe/Moscow</code>.
subscribe-bad-country = Страна «{ $value }» не найдена.
subscribe-bad-home = Дайджест и так о внешних связях Казахстана — укажите страны-партнёры.
subscribe-bad-too-many-countries = Не больше { $value } стран в одной подписке.
subscribe-usage = Одной строкой: <code>/subscribe daily 08:30 Asia/Almaty TJ PK</code> или <code>/subscribe weekly пятница 18:00</code>, или <code>/subscribe сразу TJ</code> — новые факты в течение минуты. Слово <code>всегда</code> — присылать короткую заметку, даже когда нового нет.
subscribe-admins-only = В группе подписками управляют только администраторы.
subscribe-anonymous = Сообщения от имени чата не дают прав администратора — напишите от своего имени.
button-daily = Ежедневно
button-weekly = Раз в неделю
weekday-0 = понедельник
weekday-1 = вторник
weekday-2 = среда
weekday-3 = четверг
weekday-4 = пятница
weekday-5 = суббота
weekday-6 = воскресенье
sub-daily = ежедневно в { $time } ({ $zone })
sub-weekly = по дням: { $weekday }, в { $time } ({ $zone })
sub-countries = страны: { $countries }
sub-all-countries = все страны
sub-paused = на паузе
subscriptions-header = <b>Подписки этого чата</b> ({ $count }):
subscriptions-item = #{ $id } · { $description }{ $state }
subscriptions-next = следующий: { $next }
subscriptions-none = Подписок нет. Оформить: /subscribe
button-pause = ⏸ Пауза
button-resume = ▶ Продолжить
button-edit-time = 🕘 Время
button-delete = 🗑 Удалить
button-subscribe = 🔔 Подписаться
subscription-paused = Подписка #{ $id } на паузе.
subscription-resumed = Подписка #{ $id } снова активна.
subscription-deleted = Подписка #{ $id } удалена.
subscription-time-set = Подписка #{ $id }: теперь в { $time }.
subscription-time-conflict = Такая подписка уже есть — время не изменено.
subscription-missing = Такой подписки нет (уже удалена?).
unsubscribe-done = Удалено подписок: { $count }.
unsubscribe-none = Подписок не было.
button-delete-confirm = 🗑 Да, удалить #{ $id }
button-keep = Оставить
button-unsubscribe-all = 🗑 Да, удалить все ({ $count })
button-undo = ↩️ Вернуть
subscription-kept = Подписка #{ $id } остаётся.
unsubscribe-question = Удалить все подписки этого чата ({ $count })? Одну можно удалить кнопкой в /subscriptions.
unsubscribe-kept = Хорошо, подписки остаются.
unsubscribe-undone = Вернули подписок: { $count }. Список: /subscriptions
unsubscribe-undo-none = Возвращать нечего: эти подписки уже вернули.
admin-only = Эта команда — для администраторов бота, в личном чате.
digest-preview-none = Подписки для предпросмотра нет: <code>/digest_preview 12</code> или оформите /subscribe
digest-preview-empty = Подписка #{ $id } сейчас получила бы: ничего (новых записей нет).
digest-stats =
    <b>Дайджесты</b>
    Подписки: активных { $active }, на паузе { $paused }, отключено { $deactivated }
    Доставки: { $deliveries }
    Последние запуски: { $runs }
digest-stats-none = нет
menu-subscribe = Подписка на дайджест
menu-subscriptions = Мои подписки
sub-notify-empty = и когда нового нет

## Uploads (admins)
upload-start = Пришлите статью: текстом в следующем сообщении или файлом .txt, .md или .html (до { $limit } КБ; UTF-8, CP1251 или KOI8-R). Я покажу, что извлёк, и ничего не сохраню, пока вы не нажмёте «Опубликовать».
upload-pending = Предпросмотр предыдущей статьи ещё ждёт решения: опубликуйте её или отмените, затем присылайте следующую.
upload-reading = Читаю статью…
upload-error-empty = Файл пустой — в нём нет текста.
upload-error-too_large = Файл больше { $limit } КБ. Пришлите статью покороче или только её текст.
upload-error-binary = Это не текстовый файл (похоже на картинку или программу). Нужен .txt, .md или .html.
upload-error-archive = Архивы не принимаются: распакуйте и пришлите статьи по одной.
upload-error-type = Этот тип файла не поддерживается. Нужен .txt, .md или .html.
upload-error-encoding = Не удалось определить кодировку файла. Сохраните его в UTF-8 и пришлите снова.
upload-error-no_text = В присланном нет текста статьи — слишком мало текста после очистки страницы.
upload-download-failed = Не удалось получить файл с серверов Telegram. Пришлите его ещё раз.
upload-too-complex = Эта статья слишком сложна для чтения: разбор занял больше времени или памяти, чем разрешено. Пришлите только текст статьи, без остальной страницы.
upload-preview-header = <b>Предпросмотр статьи</b>
upload-field-title = Заголовок: { $value }
upload-field-outlet = Издание: { $value }
upload-field-date = Дата: { $value }
upload-field-language = Язык: { $value }
upload-field-countries = Страны: { $value }
upload-not-russian = ⚠️ Статья не на русском ({ $language }): извлечены только страны, люди, даты и суммы, которые удалось распознать без русской грамматики.
upload-bad-header-date = ⚠️ Дата в заголовке файла ({ $value }) не существует: она не учтена, проверьте дату статьи.
upload-phrase = <i>«{ $phrase }»</i>
upload-no-facts = Фактов не найдено. Статью можно опубликовать как источник, но в карточках она не появится.
upload-preview-footer = Оставлено фактов: { $kept } из { $total }. «Опубликовать» сохранит только оставленные, с вашими исправлениями; они появятся в /country, /treaty, поиске и ближайших дайджестах.
upload-button-publish = ✅ Опубликовать ({ $kept })
upload-button-discard = ✖️ Отменить
upload-duplicate = Эта статья уже есть в базе (совпадение { $similarity }%): #{ $id } «{ $title }», { $date } — { $status }. Ничего не сохранено.
upload-published = Опубликовано: статья #{ $id }. Новых фактов: { $created }, подтверждено уже известных: { $merged } ({ $details }).
upload-discarded = Отменено, ничего не сохранено.
upload-button-cancel = ✖️ Отменить загрузку
upload-waiting-for-article = Жду статью для загрузки: это слишком коротко для статьи. Пришлите текст статьи или файл — или выйдите из загрузки: /cancel.
cancel-done = Отменено: ничего не сохранено. Можно снова искать: /country, /treaty, /person.
cancel-nothing = Отменять нечего: вы ничего не начинали.
upload-nothing-pending = Ждущего решения предпросмотра нет: статья уже опубликована или отменена.
upload-count-people = люди: { $count }
upload-count-events = события: { $count }
upload-count-agreements = документы: { $count }
upload-count-trade = торговля: { $count }
article-status-published = опубликована
article-status-retracted = отозвана
articles-header = <b>Статьи</b> (стр. { $page } из { $pages }):
articles-item = #{ $id } { $date } · «{ $title }» · { $status } · фактов: { $facts }
articles-empty = Статей пока нет. Начните с /upload.
retract-usage = Укажите номер статьи: <code>/retract 12</code>. Номера — в /articles.
retract-not-found = Статьи #{ $id } среди опубликованных нет.
retract-done = Статья #{ $id } «{ $title }» отозвана. Исчезли фактов: { $gone }; остались (их подтверждают другие статьи): { $kept }. Вернуть: <code>/restore { $id }</code>.
retract-question = Отозвать статью? Пока вы не нажмёте кнопку, ничего не изменится.
retract-article = #{ $id } «{ $title }» — { $outlet }, { $date }
retract-nothing-disappears = Ни один факт не исчезнет: все их подтверждают другие статьи.
retract-disappears = Исчезнут из карточек, списков и дайджестов фактов: { $total } ({ $counts }):
retract-and-more = …и ещё { $count }
retract-stays = Останутся (их подтверждают другие статьи): { $count }
retract-curated-warning = ⚠️ Это курируемая статья из базовых данных: на ней держатся проверенные факты. Понадобится второе подтверждение.
retract-undo-hint = Вернуть всё можно командой <code>/restore { $id }</code>.
retract-curated-question = ⚠️ Точно отозвать курируемую статью #{ $id } «{ $title }»? Исчезнут проверенных фактов: { $gone }. Вернуть: <code>/restore { $id }</code>.
retract-button-confirm = 🗑 Отозвать
retract-button-continue = Продолжить…
retract-button-curated = 🗑 Да, отозвать курируемую статью
retract-button-cancel = Не отзывать
retract-cancelled = Хорошо, статья остаётся опубликованной.
retract-curated-refused = Статья #{ $id } курируемая: её отзывают только после второго подтверждения. Начните снова: <code>/retract { $id }</code>.
restore-usage = Укажите номер отозванной статьи: <code>/restore 12</code>. Номера — в /articles.
restore-not-found = Статьи #{ $id } среди отозванных нет.
restore-done = Статья #{ $id } «{ $title }» снова опубликована. Вернулись фактов: { $back }; подтверждены ею ещё: { $shared }.
article-curated = курируемая, { $status }
stats-text = <b>Статистика</b>
    Статьи: опубликовано { $published }, отозвано { $retracted }, загружено админами { $uploads }
    Факты: события { $events }, документы { $agreements }, торговля { $trade }, уровни отношений { $relations }, люди { $people }
    Источники фактов: извлечено автоматически { $auto }, вручную { $curated }
    Активных подписок: { $subscriptions }
    Действий админов за неделю: { $actions }
agreement-type-convention = конвенция
agreement-type-charter = хартия
agreement-type-communique = коммюнике
agreement-type-plan = план
agreement-type-statement = заявление
error-flows-unavailable = Хранилище состояний сейчас не отвечает, поэтому загрузка статей временно недоступна. Справки (/country, /treaty, поиск) работают как обычно; попробуйте загрузку чуть позже.
upload-publish-failed = Не удалось сохранить статью: база данных не ответила. Ничего не записано, черновик сохранён — нажмите «Опубликовать» ещё раз.

review-page-header = <b>Факты { $first }–{ $last } из { $total }</b> (оставлено: { $kept }). Под каждым — цитата и уверенность; кнопки: убрать / вернуть факт и исправить его.
review-dropped = <i>убран: не будет опубликован</i>
review-button-drop = ✖️ Убрать { $number }
review-button-keep = ↩️ Вернуть { $number }
review-button-edit = ✏️ Исправить { $number }
review-button-back = ◀ Назад
review-choose-field = Что исправить в факте { $number }?
review-corrected = Факт { $number } исправлен.
review-prompt = Факт { $number }, поле «{ $field }»: пришлите новое значение одним сообщением. Передумали — /cancel.
review-hint-role = Например: <code>министр иностранных дел</code>.
review-hint-country = Страна названием или кодом ISO: <code>Таджикистан</code> или <code>TJ</code>.
review-hint-date = День <code>15.03.2026</code>, месяц <code>03.2026</code> или год <code>2026</code> — с той точностью, что в статье.
review-hint-countries = Страны через запятую: <code>Узбекистан, TJ</code>. Казахстан добавится сам.
review-hint-place = Город: <code>Самарканд</code>.
review-hint-value = Сумма: <code>2,5 млрд</code>, <code>300 млн</code> или <code>1500000</code>.
review-hint-year = Год: <code>2025</code>.
review-field-role = должность
review-field-country = страна
review-field-kind = вид события
review-field-date = дата
review-field-countries = страны
review-field-place = место
review-field-type = тип документа
review-field-status = статус
review-field-value = сумма
review-field-currency = валюта
review-field-metric = показатель
review-field-basis = факт / цель
review-field-year = год
review-currency-percent = проценты
review-error-no-such-fact = Такого факта в предпросмотре нет: откройте страницу заново.
review-error-no-such-choice = Такого варианта нет: выберите из списка.
review-error-no-such-field = Это поле у этого факта не исправляется.
review-error-too-long = Слишком длинно: пришлите короткое значение (до 200 символов).
review-error-date-format = Не понял дату. Пришлите день <code>15.03.2026</code>, месяц <code>03.2026</code> или год <code>2026</code>.
review-error-date-range = Год должен быть между 1900 и 2100.
review-error-date-invalid = Такой даты не бывает (например, 31.02). Проверьте день и месяц.
review-error-year-format = Год — четыре цифры, например <code>2025</code>.
review-error-amount-format = Не понял сумму. Примеры: <code>2,5 млрд</code>, <code>300 млн</code>, <code>1500000</code>.
review-error-amount-range = Сумма должна быть больше нуля и не больше 10¹⁵.
review-error-countries-empty = Назовите хотя бы одну страну: <code>Узбекистан, TJ</code>.
review-error-country-unknown = Не знаю страну «{ $detail }». Пришлите название или код ISO: <code>Таджикистан</code>, <code>TJ</code>.
review-error-text-empty = Пустое значение: нужен текст хотя бы из двух букв.
review-error-footer = Ничего не изменено. Пришлите значение ещё раз или /cancel.
review-correction-cancelled = Исправление отменено, факт не изменён. Предпросмотр ждёт решения.
review-article = 📰 «{ $title }» — { $outlet }, { $date }
review-article-url = 🔗 { $url }
review-button-article = ✏️ Статья: заголовок, издание, дата, ссылка
review-choose-article-field = Что исправить в статье?
review-prompt-article = Статья, поле «{ $field }»: пришлите новое значение одним сообщением. Передумали — /cancel.
review-field-title = заголовок
review-field-outlet = издание
review-field-published = дата публикации
review-field-url = ссылка
review-hint-title = Заголовок, как в источнике.
review-hint-outlet = Например: <code>Казинформ</code>.
review-hint-published = День публикации: <code>15.03.2026</code>.
review-hint-url = Адрес статьи: <code>https://example.kz/news/123</code>.
review-error-url-invalid = Это не ссылка на статью: нужен адрес, начинающийся с http:// или https://, без пробелов.
review-error-date-day-needed = У статьи нужна дата до дня: <code>15.03.2026</code>.
fix-usage = Укажите факт: слова из него (<code>/fix союзнических отношениях</code>) или номер: <code>/fix e12</code> — событие, <code>a5</code> — документ, <code>t3</code> — торговая цифра, <code>p7</code> — должность человека. Кнопка «✏️ Исправить» есть под каждым открытым результатом поиска, а «✏️ Исправить факты» — под карточкой страны.
fix-not-found = Факта { $ref } нет.
fix-header = <b>✏️ Исправление: { $kind } { $ref }</b>
fix-shown = Показывается в карточках, списках, поиске и дайджестах.
fix-hidden = 🙈 <b>Скрыт</b>: не показывается нигде, пока его снова не покажут.
fix-sources = Источники ({ $count }):
fix-source-detached = — <i>отвязан</i>
fix-source-retracted = — <i>статья отозвана</i>
fix-footer = Кнопки: поле, чтобы исправить; скрыть или показать факт; отвязать или вернуть источник. Каждое изменение записывается в журнал с прежним значением и видно со следующего запроса. Открыть снова: <code>/fix { $ref }</code>.
fix-prompt = Факт { $ref }, поле «{ $field }»: пришлите новое значение одним сообщением. Передумали — /cancel.
fix-stale = Этот факт уже изменили (другой администратор или другое окно). Ничего не изменено: вот он сейчас — повторите, если нужно.
fix-done = Сохранено.
fix-nothing-pending = Исправление уже завершено или отменено.
fix-cancelled = Исправление отменено, факт не изменён.
fix-button-hide = 🙈 Скрыть факт
fix-button-show = 👁 Показать факт
fix-button-detach = ✂️ Отвязать [{ $number }]
fix-button-attach = 🔗 Вернуть [{ $number }]
fix-button-open = ✏️ Исправить { $ref }
review-error-country-home = Торговая цифра — о партнёре Казахстана: укажите другую страну.
review-error-no-such-source = У этого факта нет такого источника: откройте его заново.
article-card-where = { $outlet }, { $date }
article-card-link = 🔗 { $url }
article-card-events = <b>События</b> ({ $count }):
article-card-agreements = <b>Документы</b> ({ $count }):
article-card-trade = <b>Торговля и инвестиции</b> ({ $count }):
article-card-no-facts = Фактов, которые показываются в карточках, эта статья не подтверждает.
review-button-cancel-correction = ✖️ Отменить исправление
fix-found = Факты по словам «{ $query }» ({ $count }): нажмите, чтобы открыть для исправления.
fix-none-found = По словам «{ $query }» фактов не найдено. Попробуйте другие слова или номер: <code>/fix e12</code>.
subscribe-button-cancel = ✖️ Отмена
subscribe-cancelled = Хорошо, подписка не создана. Начать заново: /subscribe.
person-role-reported = <i>(по источникам: { $dates })</i>
button-fix = ✏️ Исправить факты
fix-card-facts = Факты карточки «{ $country }» ({ $count }): нажмите, чтобы открыть для исправления.
small-talk = Здравствуйте! Я отвечаю на вопросы о внешних связях Казахстана: /country TJ — карточка страны, /treaty союзнич — документы, /person Токаев — люди, или просто напишите, что найти. Все команды — /help.
help-header = <b>Команды</b>
help-country = /country <i>страна</i> — карточка отношений; без страны — список стран. <code>/country TJ</code>, <code>/country Таджикистаном</code>
help-treaty = /treaty <i>название</i> — договоры и соглашения; без названия — все. <code>/treaty союзнич</code>
help-person = /person <i>имя</i> — должности и контакты. <code>/person Токаев</code>
help-search = /search <i>слова</i> — поиск по всем фактам (или просто напишите слова). <code>/search Душанбе</code>
help-timeline = /timeline [<i>страна</i>] [<i>годы</i>] — хронология контактов и подписаний. <code>/timeline TJ 2024-2025</code>
help-latest = /latest [<i>число</i>] — новые записи. <code>/latest 10</code>
help-trade = /trade [<i>страна</i>] — торговля и график. <code>/trade TJ</code>
help-sources = /sources [<i>страна</i>] — статьи, на которых стоят факты. <code>/sources TJ</code>
help-subscribe = /subscribe — ежедневный или еженедельный дайджест новых записей либо мгновенные оповещения, по кнопкам или одной строкой. <code>/subscribe daily 08:30 TJ</code>, <code>/subscribe сразу PK</code>
help-subscriptions = /subscriptions — ваши подписки: пауза, время, удаление
help-unsubscribe = /unsubscribe [<i>номер</i>] — отменить подписку (спросит и даст вернуть). <code>/unsubscribe 3</code>
help-lang = /lang — язык интерфейса. <code>/lang en</code>
help-cancel = /cancel — выйти из начатого: загрузка, исправление, настройка подписки
help-help = /help — эта справка
help-admin-header = <b>Для администраторов</b>
help-upload = /upload — загрузить статью, проверить факты по одному и опубликовать
help-articles = /articles — все статьи, с номерами
help-retract = /retract <i>номер</i> — отозвать статью (покажет, что исчезнет, и спросит). <code>/retract 12</code>
help-restore = /restore <i>номер</i> — вернуть отозванную статью. <code>/restore 12</code>
help-fix = /fix <i>факт или слова</i> — исправить, скрыть или отвязать источник. <code>/fix e12</code>, <code>/fix союзнических</code>
help-stats = /stats — статистика загрузок и фактов
help-digest_preview = /digest_preview [<i>номер</i>] — что подписка получила бы сейчас
help-digest_stats = /digest_stats — подписчики, рассылки, доставка
help-footer = Страну можно назвать кодом ISO, по-русски или по-английски, в любом падеже, столицей или прилагательным («казахско-таджикский»); опечатки прощаются.
menu-unsubscribe = Отменить подписку
menu-cancel = Выйти из начатого действия
menu-upload = Загрузить статью
menu-articles = Все статьи
menu-retract = Отозвать статью
menu-restore = Вернуть статью
menu-fix = Исправить факт
menu-stats = Статистика
menu-digest_preview = Предпросмотр дайджеста
menu-digest_stats = Статистика рассылок
person-on-file = Люди в базе ({ $count }):
person-known = Похожих нет. Кто есть в базе (полный список — /person):
button-share = 🔗 Поделиться карточкой
digest-week = неделя { $week }, { $year }

## /export and /calendar
menu-export = Факты файлом (CSV, JSON)
menu-calendar = События в календарь (.ics)
help-export = /export [<i>страна</i>] [csv|json] — все факты файлом: вид, дата и её точность, страны, участники, названия, суммы, статус, источники со ссылками. <code>/export TJ json</code>
help-calendar = /calendar [<i>страна</i>] — прошедшие и запланированные события файлом .ics для календаря. <code>/calendar TJ</code>
export-all-countries = все страны
export-caption = Факты: { $country } · записей: { $count }{ $parts ->
    [1] {""}
   *[other] {" "}· часть { $part } из { $parts }
}
export-empty = Фактов для выгрузки нет: { $country }.
calendar-caption = События: { $country } · в календаре: { $count }{ $parts ->
    [1] {""}
   *[other] {" "}· часть { $part } из { $parts }
}. Откройте файл, чтобы добавить их в календарь.
calendar-empty = Событий с датой нет: { $country }.
calendar-name = Казахстан: { $country }
calendar-precision-month = Источники называют только месяц.
calendar-precision-year = Источники называют только год.
calendar-participants = Участники: { $names }
calendar-sources = Источники:

## Buttons under a digest
digest-button-countries = 🌍 Страны
digest-button-unsubscribe = 🔕 Отписаться
digest-unsubscribe-question = Отписаться от дайджеста #{ $id }? Вернуть можно будет кнопкой «Вернуть».
digest-paused = Дайджест #{ $id } на паузе: новых выпусков не будет, пока вы его не продолжите (кнопкой ниже или в /subscriptions).
inline-open-bot = Открыть в боте
inline-person-description = Роли и контакты

## Названия событий из полей факта, когда названия на этом языке нет
event-title-visit-to = { $kind }: Казахстан → { $country }
event-title-visit-from = { $kind }: { $country } → Казахстан
event-title-in = { $kind } — { $place }
event-title-between = { $kind }: { $countries }
agreement-title-rendered = { $rendering } (в оригинале: «{ $original }»)

## Мгновенные подписки
button-instant = ⚡ Сразу
sub-instant = сразу, в течение минуты после новых фактов
sub-next-instant = как только опубликуют новые факты
digest-moment = { $date } { $time } UTC
agreement-title-from-type = { $kind } «{ $original }»

## Отслеживаемые источники и очередь на проверку (админы)
menu-feeds = Отслеживаемые источники
menu-queue = Статьи на проверку
help-feeds = /feeds — отслеживаемые источники (RSS, Atom, JSON Feed или страница со ссылкой на ленту): состояние, последняя ошибка, очередь; пауза, продолжить, удалить. <code>/feeds add https://example.kz/rss</code>
help-queue = /queue — статьи из источников, ждущие проверки: открыть и проверить факты, как при загрузке, или пропустить
feeds-header = <b>Отслеживаемые источники</b> ({ $count }):
feeds-none = Источников пока нет. Добавить: <code>/feeds add https://example.kz/rss</code>
feeds-item = #{ $id } <b>{ $name }</b> · { $trust } · { $state } · ждут проверки: { $queued }
    { $url }
feeds-usage = <code>/feeds</code> — список источников; <code>/feeds add URL [auto] [название]</code> — добавить (адрес RSS, Atom или JSON Feed либо страница со ссылкой на ленту; с <code>auto</code> уверенные факты публикуются без проверки).
feeds-added = Отслеживаем #{ $id } { $name }: первый опрос — в течение минуты.
feeds-missing = Такого источника нет (уже удалён?).
feeds-removed = Источник #{ $id } удалён: его больше не опрашивают. Его статьи остаются.
feeds-pause-done = Источник #{ $id } на паузе.
feeds-resume-done = Источник #{ $id } снова опрашивается: в течение минуты.
feeds-remove-done = Источник #{ $id } удалён.
feeds-undo-done = Источник #{ $id } возвращён.
feeds-trust-review = каждая статья на проверку
feeds-trust-auto = уверенные факты публикуются сразу
feeds-state-ok = в порядке
feeds-state-error = повторяем попытки
feeds-state-gone = на паузе: адреса больше нет
feeds-state-paused = на паузе
feeds-state-removed = удалён
feeds-error-too_large = ответ слишком большой
feeds-error-timeout = сервер не ответил вовремя
feeds-error-redirect_loop = адрес перенаправляет по кругу
feeds-error-network = сервер недоступен
feeds-error-not_a_feed = по адресу нет ленты, и страница не ссылается на неё
feeds-error-http = сервер ответил { $code }
feeds-problem-url = Это не адрес ленты: нужна ссылка http(s) на сайт с именем.
feeds-problem-trust = Доверие — review или auto.
feeds-problem-interval = Источник опрашивается не чаще раза в 5 минут.
feeds-problem-exists = Этот адрес уже отслеживается.
button-feed-pause = ⏸ Пауза #{ $id }
button-feed-resume = ▶ Продолжить #{ $id }
button-feed-remove = 🗑 Удалить #{ $id }
queue-header = <b>Ждут проверки</b> ({ $count }):
queue-item = #{ $id } · { $source } — { $title }
queue-empty = На проверку ничего не ждёт.
button-queue-open = 📝 Проверить #{ $id }
button-queue-skip = ⏭ Пропустить #{ $id }
queue-skipped = Статья #{ $id } пропущена.
queue-gone = Эта статья больше не ждёт (уже опубликована или пропущена).
queue-notice = 📰 Новая статья на проверку #{ $id } · { $source }
    { $title }
event-reported-by = сообщили { $count } { $count ->
    [one] издание
    [few] издания
   *[many] изданий
}
queue-parked-header = <b>Не удалось прочитать</b> (три попытки; { $count }):
queue-parked-item = #{ $id } · { $source } — { $title }: { $error }
event-title-visit-of = { $kind }: { $person } → { $country }
