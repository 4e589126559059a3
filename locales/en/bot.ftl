## Interface texts, English. Fact values (titles, names of documents) stay in Russian.

start =
    <b>Briefings on Kazakhstan's foreign relations</b>
    Visits and talks, treaties, trade, people — every fact with its source.

    Try: /country TJ · /person Tokayev · /timeline TJ
    All commands: /help
unknown-command = Unknown command. See /help for the list.
plain-text-hint = To look up a country, a treaty or a person, use /country, /treaty or /person. Help: /help
error-generic = Something went wrong with that request. Please try again a little later.
query-truncated = The query is too long — only the first { $limit } characters were used.

## /country
country-list-header = <b>Countries with data</b> ({ $count }):
country-list-item = { $flag } { $name } — <code>/country { $code }</code> · facts: { $facts }
country-list-empty = There is no data on any country yet.
country-not-found = Country "{ $query }" not found.
country-suggestions = Did you mean:
country-suggestion-item = • { $flag } { $name } — <code>/country { $code }</code>
country-no-suggestions = Check the spelling or see the list: /country
country-ambiguous = "{ $query }" fits several countries:
country-home =
    Kazakhstan is the country whose foreign relations this bot covers. Name a partner, e.g. <code>/country TJ</code>.
country-no-facts = There are no facts on { $flag } { $name } yet.
card-title = { $flag } <b>{ $name }</b> — relations with Kazakhstan
card-level = <b>Level of relations:</b> { $level }
card-level-since = since { $date }
card-level-document = document: «{ $title }»
card-level-unknown = <b>Level of relations:</b> not stated in the sources
card-level-previous = previously: { $level } (since { $date })
card-agreements = <b>Key documents</b> ({ $count }):
card-events = <b>Latest contacts</b> ({ $count }):
card-trade = <b>Trade</b>:
card-people = <b>People</b>:
card-sources = <b>Sources</b> ({ $count }):
card-more = …and { $count } more
card-more-agreements = all documents: <code>/treaty { $name }</code>

## Levels of relations
level-allied = allied relations
level-strategic_partnership = strategic partnership
level-allied_and_strategic_partner = ally and strategic partner
level-comprehensive_strategic_partnership = comprehensive strategic partnership
level-extended_strategic_partnership = extended strategic partnership
level-partnership = partnership

## Event kinds
event-state_visit = State visit
event-official_visit = Official visit
event-working_visit = Working visit
event-visit = Visit
event-talks = Talks
event-meeting = Meeting
event-phone_call = Phone call
event-summit = Summit
event-signing = Signing
event-reception = Credentials ceremony
event-planned-when = planned, { $date }
event-planned-undated = planned, date not given
event-statement = Statement

## Agreements
agreement-type-treaty = treaty
agreement-type-agreement = agreement
agreement-type-memorandum = memorandum
agreement-type-declaration = declaration
agreement-type-programme = programme
agreement-type-roadmap = road map
agreement-type-protocol = protocol
agreement-type-documents = documents
agreement-status-planned = planned
agreement-status-signed = signed
agreement-status-in_force = in force
agreement-signed = signed { $date }
agreement-place = place: { $place }
agreement-period = period: { $start }–{ $end }
agreement-parties = parties: { $parties }
agreement-quantity = { $count } documents
agreement-undated = date of signing not given

## /treaty
treaty-list-header = <b>All documents</b> ({ $count }), newest first:
treaty-results-header = <b>Found for "{ $query }"</b>: { $count }
treaty-not-found = No documents found for "{ $query }".
treaty-partial = Close titles:
treaty-try = Try another word (<code>/treaty alliance</code>, <code>/treaty partnership</code>) or see them all: /treaty
treaty-empty = There are no documents yet.

## Trade
trade-turnover = trade turnover
trade-exports = exports
trade-imports = imports
trade-investment = investment
trade-share = share of foreign trade
trade-growth = trade growth
trade-actual = actual
trade-target = target
trade-target-year = target for { $year }
trade-year = { $year }
trade-qualifier-exceeds = over
trade-qualifier-about = about
trade-qualifier-up_to = up to
trade-qualifier-reached = reached
money-bn = { $value } bn
money-mn = { $value } mn
money-times = { $value }×
trade-partner-group = { $group }

## /person
person-usage = Give a name: <code>/person Tokayev</code>, <code>/person Рахмон</code>
person-not-found = Person "{ $query }" not found.
person-suggestions = Did you mean:
person-ambiguous = "{ $query }" fits several people:
person-roles = <b>Role</b>:
person-events = <b>Took part in</b> ({ $count }):
person-no-events = No events with this person in the database.

## Shared pieces
sources-label = Sources
source-no-outlet = outlet not named
date-range = { $start } – { $end }
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
year-suffix = { $year }

## Command menu (set_my_commands)
menu-country = Relations card for a country
menu-treaty = Treaties and agreements
menu-person = People and their roles
menu-help = Help and examples

## Browsing (/search, /timeline, /trade, /latest, /sources, buttons)
search-usage = Say what to find: <code>/search визит Токаева в Душанбе</code>, <code>/search turnover 2 bn</code>
search-header = <b>Search "{ $query }"</b>: { $count }
search-nothing = Nothing found for "{ $query }". Try other words or part of a word.
kind-event = event
kind-agreement = document
kind-trade = trade
kind-person = person
kind-article = article
timeline-header = <b>Timeline{ $scope }</b>: { $count }
timeline-scope-country = : { $name }
timeline-scope-years = , { $years }
timeline-empty = No contacts or signings in that period.
timeline-bad-years = Give years as <code>2024</code> or <code>2024-2026</code>, between 1900 and 2100.
sources-header = <b>Sources{ $scope }</b>: { $count }
sources-facts = facts: { $count }
sources-empty = No sources yet.
people-header = <b>People: { $name }</b> ({ $count })
people-empty = No people linked to this country yet.
agreements-header = <b>Documents: { $name }</b> ({ $count })
agreements-empty = No documents with this country yet.
page-of = page { $page } of { $pages }
button-prev = ◀ Prev
button-next = Next ▶
button-agreements = 📄 Documents
button-timeline = 🗓 Timeline
button-trade = 📈 Trade
button-people = 👤 People
button-sources = 📰 Sources
list-expired = This list has expired — please ask again.
item-missing = This entry is no longer in the database.
trade-header = { $flag } <b>Kazakhstan's trade: { $name }</b>
trade-no-figures = There are no trade figures for { $flag } { $name } yet.
trade-overview-header = <b>Trade figures exist for</b> ({ $count }):
trade-overview-item = { $flag } { $name } — <code>/trade { $code }</code> · figures: { $count }
trade-overview-empty = There are no trade figures yet.
trade-chart-caption = { $flag } { $name }: trade with Kazakhstan, USD bn. Actual — line; targets — diamonds and dashes.
chart-title = Kazakhstan — { $name }: trade
chart-y-axis = USD bn
chart-x-axis = year
chart-actual = actual
chart-target = target
chart-target-open = target, no year
latest-header = <b>Newest entries</b> ({ $count }):
latest-empty = No entries yet.
latest-bad-number = Give a number from 1 to { $max }: <code>/latest 20</code>
country-required-not-found = Country "{ $query }" not found.

## /lang
lang-current = Interface language: <b>English</b>. Choose:
lang-set = Done: the interface is in English.
lang-unknown = Available: <code>/lang ru</code>, <code>/lang en</code>.

## Inline mode
inline-card-description = Relations with Kazakhstan: level, documents, contacts, trade
inline-agreement-description = { $type }, { $date }
inline-countries-hint = Countries with data

menu-search = Search all facts
menu-timeline = Timeline of contacts and signings
menu-trade = Trade and chart
menu-latest = Newest entries
menu-sources = Sources of the data
menu-lang = Interface language

## Language names, each in itself
language-name-ru = Русский
language-name-en = English
search-warming = Search is getting ready after a restart — try again in a few seconds. Every other command already works.

## Digests
digest-header = <b>Digest: new in the database</b> · { $period }
digest-other = Multilateral
digest-nothing-new = Digest · { $period }: nothing new.

## Subscriptions
subscribe-choose-frequency = How often should the digest come{ $scope }?
subscribe-choose-weekday = On which day?
subscribe-choose-time = At what time? (The time zone comes next.) Another time — in one line: <code>/subscribe daily 07:45</code>
subscribe-choose-zone = In which time zone? Or type its name, such as <code>Asia/Karachi</code>.
subscribe-choose-countries = Which countries? Choose up to { $max } and press "Done", or take all of them.
subscribe-sample-header = <b>This is what will arrive</b> — the entries of the last month, as your digest will show them:
subscribe-sample-empty = There were no new entries for these countries in the last month; the first digest will bring whatever comes next.
button-flow-back = ◀ Back
button-all-countries = 🌍 All countries
button-countries-done = ✔ Done ({ $count })
subscribe-scope = { " " }for { $name }
subscribe-done = Done: { $description }. Next digest: { $next }.
subscribe-exists = That subscription exists already: { $description }.
subscribe-too-many = This chat has { $max } subscriptions already — remove one: /subscriptions
subscribe-bad-time = "{ $value }" is not a time: use HH:MM from 00:00 to 23:59, e.g. <code>08:30</code>.
subscribe-bad-timezone = Time zone "{ $value }" not found. Use an IANA name such as <code>Asia/Almaty</code> or <code>Europe/London</code>.
subscribe-bad-country = Country "{ $value }" not found.
subscribe-bad-home = The digest is about Kazakhstan's relations anyway — name partner countries.
subscribe-bad-too-many-countries = At most { $value } countries in one subscription.
subscribe-usage = In one line: <code>/subscribe daily 08:30 Asia/Almaty TJ PK</code> or <code>/subscribe weekly friday 18:00</code>, or <code>/subscribe instant TJ</code> for new facts within a minute. Add <code>always</code> for a short note even when there is nothing new.
subscribe-admins-only = In a group only administrators manage subscriptions.
subscribe-anonymous = Messages sent on behalf of the chat carry no admin rights — please write as yourself.
button-daily = Daily
button-weekly = Weekly
weekday-0 = Monday
weekday-1 = Tuesday
weekday-2 = Wednesday
weekday-3 = Thursday
weekday-4 = Friday
weekday-5 = Saturday
weekday-6 = Sunday
sub-daily = daily at { $time } ({ $zone })
sub-weekly = every { $weekday } at { $time } ({ $zone })
sub-countries = countries: { $countries }
sub-all-countries = all countries
sub-paused = paused
subscriptions-header = <b>This chat's subscriptions</b> ({ $count }):
subscriptions-item = #{ $id } · { $description }{ $state }
subscriptions-next = next: { $next }
subscriptions-none = No subscriptions. Subscribe: /subscribe
button-pause = ⏸ Pause
button-resume = ▶ Resume
button-edit-time = 🕘 Time
button-delete = 🗑 Delete
button-subscribe = 🔔 Subscribe
subscription-paused = Subscription #{ $id } paused.
subscription-resumed = Subscription #{ $id } resumed.
subscription-deleted = Subscription #{ $id } deleted.
subscription-time-set = Subscription #{ $id }: now at { $time }.
subscription-time-conflict = An identical subscription exists — time unchanged.
subscription-missing = No such subscription (deleted already?).
unsubscribe-done = Subscriptions removed: { $count }.
unsubscribe-none = There were no subscriptions.
button-delete-confirm = 🗑 Yes, delete #{ $id }
button-keep = Keep
button-unsubscribe-all = 🗑 Yes, delete all ({ $count })
button-undo = ↩️ Undo
subscription-kept = Subscription #{ $id } stays.
unsubscribe-question = Delete all of this chat's subscriptions ({ $count })? To delete one, use its button in /subscriptions.
unsubscribe-kept = All right, the subscriptions stay.
unsubscribe-undone = Subscriptions back: { $count }. The list: /subscriptions
unsubscribe-undo-none = Nothing to undo: these subscriptions are back already.
admin-only = This command is for the bot's administrators, in a private chat.
digest-preview-none = No subscription to preview: <code>/digest_preview 12</code> or subscribe with /subscribe
digest-preview-empty = Subscription #{ $id } would get nothing right now (nothing new).
digest-stats =
    <b>Digests</b>
    Subscriptions: active { $active }, paused { $paused }, deactivated { $deactivated }
    Deliveries: { $deliveries }
    Last runs: { $runs }
digest-stats-none = none
menu-subscribe = Digest subscription
menu-subscriptions = My subscriptions
sub-notify-empty = also when there is nothing new

## Uploads (admins)
upload-start = Send the article: as text in your next message or as a .txt, .md or .html file (up to { $limit } KB; UTF-8, CP1251 or KOI8-R). I will show what I extracted and store nothing until you press “Publish”.
upload-pending = The preview of the previous article is still waiting: publish or discard it, then send the next one.
upload-reading = Reading the article…
upload-error-empty = The file is empty: there is no text in it.
upload-error-too_large = The file is larger than { $limit } KB. Send a shorter article or just its text.
upload-error-binary = This is not a text file (it looks like an image or a program). Send a .txt, .md or .html file.
upload-error-archive = Archives are not accepted: unpack them and send the articles one by one.
upload-error-type = This file type is not supported. Send a .txt, .md or .html file.
upload-error-encoding = Could not tell the file's encoding. Save it as UTF-8 and send it again.
upload-error-no_text = There is no article text in it: too little text is left once the page is cleaned.
upload-download-failed = Could not fetch the file from Telegram's servers. Please send it again.
upload-too-complex = This article is too complex to read: it took more time or memory than an upload may use. Please send only the article's text, without the rest of the page.
upload-preview-header = <b>Article preview</b>
upload-field-title = Title: { $value }
upload-field-outlet = Outlet: { $value }
upload-field-date = Date: { $value }
upload-field-language = Language: { $value }
upload-field-countries = Countries: { $value }
upload-not-russian = ⚠️ The article is not in Russian ({ $language }): only the countries, people, dates and sums recognisable without Russian grammar were extracted.
upload-bad-header-date = ⚠️ The date in the file's header ({ $value }) does not exist: it was ignored; check the article's date.
upload-phrase = <i>“{ $phrase }”</i>
upload-no-facts = No facts found. The article can be published as a source, but it will not show in any card.
upload-preview-footer = Facts kept: { $kept } of { $total }. “Publish” stores only the kept ones, with your corrections; they will appear in /country, /treaty, search and the next digests.
upload-button-publish = ✅ Publish ({ $kept })
upload-button-discard = ✖️ Discard
upload-duplicate = This article is already on file ({ $similarity }% alike): #{ $id } “{ $title }”, { $date }, { $status }. Nothing was stored.
upload-published = Published as article #{ $id }. New facts: { $created }, known facts confirmed: { $merged } ({ $details }).
upload-discarded = Discarded; nothing was stored.
upload-button-cancel = ✖️ Cancel the upload
upload-waiting-for-article = Waiting for an article to upload: this is too short to be one. Send the article's text or a file — or leave the upload: /cancel.
cancel-done = Cancelled: nothing was stored. You can look things up again: /country, /treaty, /person.
cancel-nothing = Nothing to cancel: nothing was started.
upload-nothing-pending = No preview is waiting: the article was already published or discarded.
upload-count-people = people: { $count }
upload-count-events = events: { $count }
upload-count-agreements = documents: { $count }
upload-count-trade = trade: { $count }
article-status-published = published
article-status-retracted = retracted
articles-header = <b>Articles</b> (page { $page } of { $pages }):
articles-item = #{ $id } { $date } · “{ $title }” · { $status } · facts: { $facts }
articles-empty = No articles yet. Start with /upload.
retract-usage = Give the article's number: <code>/retract 12</code>. The numbers are in /articles.
retract-not-found = There is no published article #{ $id }.
retract-done = Article #{ $id } “{ $title }” retracted. Facts gone: { $gone }; kept (other articles support them): { $kept }. To undo: <code>/restore { $id }</code>.
retract-question = Retract this article? Nothing changes until you press a button.
retract-article = #{ $id } “{ $title }” — { $outlet }, { $date }
retract-nothing-disappears = No fact disappears: other articles support all of them.
retract-disappears = Facts that disappear from cards, lists and digests: { $total } ({ $counts }):
retract-and-more = …and { $count } more
retract-stays = Stay (other articles support them): { $count }
retract-curated-warning = ⚠️ This is a curated seed article: checked facts rest on it. A second confirmation is needed.
retract-undo-hint = To bring it all back: <code>/restore { $id }</code>.
retract-curated-question = ⚠️ Really retract the curated article #{ $id } “{ $title }”? Checked facts that disappear: { $gone }. To undo: <code>/restore { $id }</code>.
retract-button-confirm = 🗑 Retract
retract-button-continue = Continue…
retract-button-curated = 🗑 Yes, retract the curated article
retract-button-cancel = Keep it
retract-cancelled = All right, the article stays published.
retract-curated-refused = Article #{ $id } is curated: it is retracted only after the second confirmation. Start again: <code>/retract { $id }</code>.
restore-usage = Give the number of a retracted article: <code>/restore 12</code>. The numbers are in /articles.
restore-not-found = There is no retracted article #{ $id }.
restore-done = Article #{ $id } “{ $title }” is published again. Facts back: { $back }; also supported by it: { $shared }.
article-curated = curated, { $status }
stats-text = <b>Statistics</b>
    Articles: { $published } published, { $retracted } retracted, { $uploads } uploaded by admins
    Facts: { $events } events, { $agreements } documents, { $trade } trade figures, { $relations } relation levels, { $people } people
    Fact sources: { $auto } extracted automatically, { $curated } curated
    Active subscriptions: { $subscriptions }
    Admin actions this week: { $actions }
agreement-type-convention = convention
agreement-type-charter = charter
agreement-type-communique = communiqué
agreement-type-plan = plan
agreement-type-statement = statement
error-flows-unavailable = The state store is not answering, so article uploads are unavailable for now. Lookups (/country, /treaty, search) work as usual; try the upload again a little later.
upload-publish-failed = Could not store the article: the database did not answer. Nothing was written and the draft is kept; press “Publish” again.

review-page-header = <b>Facts { $first }–{ $last } of { $total }</b> (kept: { $kept }). Each has its sentence and confidence; the buttons drop / keep a fact and correct it.
review-dropped = <i>dropped: will not be published</i>
review-button-drop = ✖️ Drop { $number }
review-button-keep = ↩️ Keep { $number }
review-button-edit = ✏️ Correct { $number }
review-button-back = ◀ Back
review-choose-field = What to correct in fact { $number }?
review-corrected = Fact { $number } corrected.
review-prompt = Fact { $number }, field “{ $field }”: send the new value in one message. Changed your mind? /cancel.
review-hint-role = For example: <code>foreign minister</code>.
review-hint-country = A country by name or ISO code: <code>Tajikistan</code> or <code>TJ</code>.
review-hint-date = A day <code>15.03.2026</code>, a month <code>03.2026</code> or a year <code>2026</code> — as precise as the article is.
review-hint-countries = Countries separated by commas: <code>Uzbekistan, TJ</code>. Kazakhstan is added by itself.
review-hint-place = A city: <code>Samarkand</code>.
review-hint-value = An amount: <code>2.5 bn</code>, <code>300 mln</code> or <code>1500000</code>.
review-hint-year = A year: <code>2025</code>.
review-field-role = role
review-field-country = country
review-field-kind = kind of event
review-field-date = date
review-field-countries = countries
review-field-place = place
review-field-type = document type
review-field-status = status
review-field-value = amount
review-field-currency = currency
review-field-metric = metric
review-field-basis = actual / target
review-field-year = year
review-currency-percent = percent
review-error-no-such-fact = There is no such fact in the preview: open the page again.
review-error-no-such-choice = There is no such option: pick one from the list.
review-error-no-such-field = This field of this fact cannot be corrected.
review-error-too-long = Too long: send a short value (up to 200 characters).
review-error-date-format = I could not read the date. Send a day <code>15.03.2026</code>, a month <code>03.2026</code> or a year <code>2026</code>.
review-error-date-range = The year must be between 1900 and 2100.
review-error-date-invalid = There is no such date (31.02, for instance). Check the day and the month.
review-error-year-format = A year is four digits, for example <code>2025</code>.
review-error-amount-format = I could not read the amount. Examples: <code>2.5 bn</code>, <code>300 mln</code>, <code>1500000</code>.
review-error-amount-range = The amount must be above zero and at most 10¹⁵.
review-error-countries-empty = Name at least one country: <code>Uzbekistan, TJ</code>.
review-error-country-unknown = I do not know the country “{ $detail }”. Send a name or an ISO code: <code>Tajikistan</code>, <code>TJ</code>.
review-error-text-empty = The value is empty: it needs at least two letters.
review-error-footer = Nothing was changed. Send the value again or /cancel.
review-correction-cancelled = Correction cancelled; the fact is unchanged. The preview is still waiting for your decision.
review-article = 📰 “{ $title }” — { $outlet }, { $date }
review-article-url = 🔗 { $url }
review-button-article = ✏️ Article: title, outlet, date, link
review-choose-article-field = What to correct in the article?
review-prompt-article = Article, field “{ $field }”: send the new value in one message. Changed your mind? /cancel.
review-field-title = title
review-field-outlet = outlet
review-field-published = date published
review-field-url = link
review-hint-title = The title as the source gives it.
review-hint-outlet = For example: <code>Kazinform</code>.
review-hint-published = The day it was published: <code>15.03.2026</code>.
review-hint-url = The article's address: <code>https://example.kz/news/123</code>.
review-error-url-invalid = This is not a link to an article: it needs an address starting with http:// or https://, without spaces.
review-error-date-day-needed = An article's date is a day: <code>15.03.2026</code>.
fix-usage = Name the fact: words from it (<code>/fix Tokayev</code>) or a reference: <code>/fix e12</code> — an event, <code>a5</code> — a document, <code>t3</code> — a trade figure, <code>p7</code> — a person's role. The “✏️ Correct” button is under every search result you open, and “✏️ Correct facts” under a country card.
fix-not-found = There is no fact { $ref }.
fix-header = <b>✏️ Correcting: { $kind } { $ref }</b>
fix-shown = Shown in cards, lists, search and digests.
fix-hidden = 🙈 <b>Hidden</b>: shown nowhere until it is shown again.
fix-sources = Sources ({ $count }):
fix-source-detached = — <i>detached</i>
fix-source-retracted = — <i>article retracted</i>
fix-footer = Buttons: a field to correct it; hide or show the fact; detach or reattach a source. Every change goes to the audit log with its previous value and shows from the next request. To open it again: <code>/fix { $ref }</code>.
fix-prompt = Fact { $ref }, field “{ $field }”: send the new value in one message. Changed your mind? /cancel.
fix-stale = This fact has just been changed (by another admin or in another window). Nothing was changed: here it is now — try again if needed.
fix-done = Saved.
fix-nothing-pending = The correction is already finished or cancelled.
fix-cancelled = Correction cancelled; the fact is unchanged.
fix-button-hide = 🙈 Hide the fact
fix-button-show = 👁 Show the fact
fix-button-detach = ✂️ Detach [{ $number }]
fix-button-attach = 🔗 Reattach [{ $number }]
fix-button-open = ✏️ Correct { $ref }
review-error-country-home = A trade figure is about a partner of Kazakhstan: name another country.
review-error-no-such-source = This fact has no such source: open it again.
article-card-where = { $outlet }, { $date }
article-card-link = 🔗 { $url }
article-card-events = <b>Events</b> ({ $count }):
article-card-agreements = <b>Documents</b> ({ $count }):
article-card-trade = <b>Trade and investment</b> ({ $count }):
article-card-no-facts = This article supports no fact shown in the cards.
review-button-cancel-correction = ✖️ Cancel the correction
fix-found = Facts for “{ $query }” ({ $count }): press one to open it for correction.
fix-none-found = No facts found for “{ $query }”. Try other words or a reference: <code>/fix e12</code>.
subscribe-button-cancel = ✖️ Cancel
subscribe-cancelled = All right, no subscription was made. To start again: /subscribe.
person-role-reported = <i>(reported: { $dates })</i>
button-fix = ✏️ Correct facts
fix-card-facts = Facts on the { $country } card ({ $count }): press one to open it for correction.
small-talk = Hello! I answer questions about Kazakhstan's foreign relations: /country TJ — a country's card, /treaty strategic — documents, /person Tokayev — people, or just type what to find. All commands: /help.
help-header = <b>Commands</b>
help-country = /country <i>country</i> — relations card; without a country, the list. <code>/country TJ</code>, <code>/country tajikistan</code>
help-treaty = /treaty <i>title</i> — treaties and agreements, by words of the title in English or Russian; without a title, all of them. <code>/treaty alliance</code>, <code>/treaty strategic partnership</code>
help-person = /person <i>name</i> — roles and contacts. <code>/person Tokayev</code>
help-search = /search <i>words</i> — search all facts (or just type the words). <code>/search Tokayev</code>
help-timeline = /timeline [<i>country</i>] [<i>years</i>] — contacts and signings in time. <code>/timeline TJ 2024-2025</code>
help-latest = /latest [<i>number</i>] — the newest entries. <code>/latest 10</code>
help-trade = /trade [<i>country</i>] — trade and a chart. <code>/trade TJ</code>
help-sources = /sources [<i>country</i>] — the articles behind the facts. <code>/sources TJ</code>
help-subscribe = /subscribe — a daily or weekly digest of new entries, or instant alerts, by buttons or in one line. <code>/subscribe daily 08:30 TJ</code>, <code>/subscribe instant PK</code>
help-subscriptions = /subscriptions — your subscriptions: pause, time, delete
help-unsubscribe = /unsubscribe [<i>number</i>] — end a subscription (asks first, can be undone). <code>/unsubscribe 3</code>
help-lang = /lang — interface language. <code>/lang ru</code>
help-cancel = /cancel — leave what you started: an upload, a correction, a subscription set-up
help-help = /help — this help
help-admin-header = <b>For admins</b>
help-upload = /upload — upload an article, review its facts one by one, publish
help-articles = /articles — every article, with its number
help-retract = /retract <i>number</i> — retract an article (shows what disappears, asks first). <code>/retract 12</code>
help-restore = /restore <i>number</i> — bring a retracted article back. <code>/restore 12</code>
help-fix = /fix <i>fact or words</i> — correct, hide, or detach a source. <code>/fix e12</code>, <code>/fix Tokayev</code>
help-stats = /stats — upload and fact statistics
help-digest_preview = /digest_preview [<i>number</i>] — what a subscription would receive now
help-digest_stats = /digest_stats — subscribers, runs, deliveries
help-footer = Name a country by ISO code, in Russian or English, in any grammatical case, by its capital or an adjective ("Kazakh-Tajik"); typos are forgiven.
menu-unsubscribe = End a subscription
menu-cancel = Leave what you started
menu-upload = Upload an article
menu-articles = All articles
menu-retract = Retract an article
menu-restore = Restore an article
menu-fix = Correct a fact
menu-stats = Statistics
menu-digest_preview = Digest preview
menu-digest_stats = Delivery statistics
person-on-file = People on file ({ $count }):
person-known = Nobody alike. Who is on file (the full list: /person):
button-share = 🔗 Share this card
digest-week = week { $week } of { $year }

## /export and /calendar
menu-export = Facts as a file (CSV, JSON)
menu-calendar = Events for your calendar (.ics)
help-export = /export [<i>country</i>] [csv|json] — every fact as a file: kind, date and its precision, countries, participants, titles, amounts, status, sources with links. <code>/export TJ json</code>
help-calendar = /calendar [<i>country</i>] — past and planned events as an .ics file for calendar apps. <code>/calendar TJ</code>
export-all-countries = all countries
export-caption = Facts: { $country } · { $count } { $count ->
    [one] record
   *[other] records
}{ $parts ->
    [1] {""}
   *[other] {" "}· part { $part } of { $parts }
}
export-empty = No facts to export: { $country }.
calendar-caption = Events: { $country } · { $count } in the calendar{ $parts ->
    [1] {""}
   *[other] {" "}· part { $part } of { $parts }
}. Open the file to add them to your calendar.
calendar-empty = No dated events: { $country }.
calendar-name = Kazakhstan: { $country }
calendar-precision-month = The sources give only the month.
calendar-precision-year = The sources give only the year.
calendar-participants = Participants: { $names }
calendar-sources = Sources:

## Buttons under a digest
digest-button-countries = 🌍 Countries
digest-button-unsubscribe = 🔕 Unsubscribe
digest-unsubscribe-question = Unsubscribe from digest #{ $id }? You can bring it back with "Undo".
digest-paused = Digest #{ $id } is paused: no new issues until you resume it (with the button below or in /subscriptions).
inline-open-bot = Open in the bot
inline-person-description = Roles and contacts

## Event titles made from a fact's fields, when no title in this language is known
event-title-visit-to = { $kind } to { $country }
event-title-visit-from = { $kind } from { $country }
event-title-in = { $kind } in { $place }
event-title-between = { $kind }: { $countries }
agreement-title-rendered = { $rendering } (original: «{ $original }»)

## Instant subscriptions
button-instant = ⚡ Instantly
sub-instant = instantly, within a minute of new facts
sub-next-instant = as soon as new facts are published
digest-moment = { $date } { $time } UTC
agreement-title-from-type = { $kind } “{ $original }”

## Watched sources and the review queue (admins)
menu-feeds = Watched sources
menu-queue = Articles waiting for review
help-feeds = /feeds — watched sources (RSS, Atom, JSON Feed, or a page naming one): state, last error, queue; pause, resume, remove. <code>/feeds add https://example.kz/rss</code>
help-queue = /queue — articles from watched sources waiting for review: open one to review its facts as an upload, or skip it
feeds-header = <b>Watched sources</b> ({ $count }):
feeds-none = No watched sources yet. Add one: <code>/feeds add https://example.kz/rss</code>
feeds-item = #{ $id } <b>{ $name }</b> · { $trust } · { $state } · waiting: { $queued }
    { $url }
feeds-usage = <code>/feeds</code> lists the sources; <code>/feeds add URL [auto] [name]</code> watches one more (an RSS, Atom or JSON Feed address, or a page that names its feed; with <code>auto</code> its confident facts are published without review).
feeds-added = Watching #{ $id } { $name }: the first poll is within a minute.
feeds-missing = No such source (removed already?).
feeds-removed = Source #{ $id } removed: it is no longer polled. Its articles stay.
feeds-pause-done = Source #{ $id } paused.
feeds-resume-done = Source #{ $id } resumed: polled within a minute.
feeds-remove-done = Source #{ $id } removed.
feeds-undo-done = Source #{ $id } is back.
feeds-trust-review = every article reviewed
feeds-trust-auto = confident facts published
feeds-state-ok = ok
feeds-state-error = retrying
feeds-state-gone = paused: the address is gone
feeds-state-paused = paused
feeds-state-removed = removed
feeds-error-too_large = the answer was too large
feeds-error-timeout = the server did not answer in time
feeds-error-redirect_loop = the address redirects in a loop
feeds-error-network = the server could not be reached
feeds-error-not_a_feed = the address is no feed, and the page names none
feeds-error-http = the server answered { $code }
feeds-problem-url = That is not a feed address: give an http(s) link to a named host.
feeds-problem-trust = Trust is review or auto.
feeds-problem-interval = A source is polled at most every 5 minutes.
feeds-problem-exists = That address is watched already.
button-feed-pause = ⏸ Pause #{ $id }
button-feed-resume = ▶ Resume #{ $id }
button-feed-remove = 🗑 Remove #{ $id }
queue-header = <b>Waiting for review</b> ({ $count }):
queue-item = #{ $id } · { $source } — { $title }
queue-empty = Nothing waits for review.
button-queue-open = 📝 Review #{ $id }
button-queue-skip = ⏭ Skip #{ $id }
queue-skipped = Article #{ $id } skipped.
queue-gone = This article is no longer waiting (published or skipped already).
queue-notice = 📰 A new article to review #{ $id } · { $source }
    { $title }
event-reported-by = reported by { $count } outlets
queue-parked-header = <b>Could not be read</b> (three attempts; { $count }):
queue-parked-item = #{ $id } · { $source } — { $title }: { $error }
event-title-visit-of = { $kind } of { $person } to { $country }
