# Lernregion – deutsche Texte (Standardsprache).
# Jeder Schlüssel muss auch in locales/en/main.ftl stehen.
# Beschäftigtennahe Texte in einfacher Sprache, Anrede mit „Sie“.

## Seitengerüst und Navigation

skip-to-content = Zum Inhalt springen
nav-main = Hauptnavigation
nav-networks = Netzwerke
nav-my-orgs = Meine Organisationen
nav-outbox = Postausgang
nav-account = Mein Konto
nav-logout = Abmelden
nav-login = Anmelden
nav-register = Registrieren
# Steht auf dem Link zur jeweils anderen Sprache, also in deren Sprache.
switch-language = English
nav-data-sources = Datenquellen und Lizenzen
nav-api = Schnittstelle (API)
footer-tagline = Lernregion – freie Software für regionale Weiterbildungsnetzwerke
back-home = Zur Startseite

## Allgemeine Schaltflächen und Beschriftungen

save = Speichern
add = Hinzufügen
continue = Weiter
actions = Aktionen
choose = Bitte auswählen
choose-none = Keine Angabe
filter-all = Alle
filter-apply = Filter anwenden
filter-reset = Filter zurücksetzen
# Schaltfläche zum Entfernen eines Eintrags (Standort, Ansprechperson).
delete-named = „{ $name }“ entfernen

## Formularfelder

label-display-name = Ihr Name
label-email = E-Mail-Adresse
label-password = Passwort
label-new-password = Neues Passwort
label-password-confirm = Passwort wiederholen
hint-password = Mindestens 12 Zeichen. Gut zu merken und sicher: ein Satz aus mehreren Wörtern, die nicht zusammengehören.
label-name = Name
label-role = Rolle
label-role-title = Funktion, z. B. Personalleitung
label-org-name = Name der Organisation
label-kind = Art der Organisation
label-sector = Branche
label-size = Unternehmensgröße
label-description = Beschreibung
label-street = Straße und Hausnummer
label-postal-code = Postleitzahl
hint-postal-code = 5 Ziffern. Daraus ermitteln wir den Kreis und die Lage auf der Karte.
label-city = Ort
label-website = Website
label-org-email = E-Mail-Adresse der Organisation
label-phone = Telefon
label-address = Adresse
label-location-label = Bezeichnung, z. B. „Werk 2“ oder „Schulungszentrum“
label-contact-public = Auf der öffentlichen Partnerseite zeigen
label-application-text = Nachricht an die Koordinierungsstelle (freiwillig)
label-decision-message = Nachricht an die Organisation (bei Ablehnung Pflicht)
label-invitation-code = Einladungscode
hint-invitation-code = Der Code hat 8 Zeichen, z. B. ABCD-2345. Groß- und Kleinschreibung, Leerzeichen und Bindestriche spielen keine Rolle.
label-invitation-note = Notiz (freiwillig)
hint-invitation-note = Zum Beispiel, für wen die Einladung ist. Die Notiz sehen nur die Administrator:innen Ihrer Organisation.
label-token-name = Bezeichnung

## Fehlermeldungen an Formularfeldern

error-summary-title = Bitte prüfen Sie Ihre Angaben
error-prefix = Fehler:
field-required = Bitte füllen Sie dieses Feld aus.
field-too-long = Dieser Text ist zu lang. Bitte kürzen Sie ihn.
field-type-invalid = Dieser Wert hat die falsche Form (zum Beispiel eine Zahl, wo Text erwartet wird).
email-invalid = Bitte geben Sie eine gültige E-Mail-Adresse ein, z. B. name@beispiel.de.
password-too-short = Das Passwort muss mindestens 12 Zeichen lang sein.
password-mismatch = Die beiden Passwörter stimmen nicht überein.
login-failed = E-Mail-Adresse oder Passwort ist falsch.
login-throttled = Zu viele Fehlversuche. Bitte warten Sie eine Viertelstunde oder setzen Sie Ihr Passwort zurück.
login-unconfirmed = Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse. Den Link dafür haben wir Ihnen per E-Mail geschickt.
choice-invalid = Bitte wählen Sie einen Eintrag aus der Liste.
sector-invalid = Diese Branche kennen wir nicht. Bitte wählen Sie eine aus der Liste.
website-invalid = Bitte geben Sie eine gültige Webadresse ein, z. B. www.beispiel.de.
phone-invalid = Bitte verwenden Sie nur Ziffern, Leerzeichen und die Zeichen + - / ( ).
postal-code-invalid = Eine Postleitzahl hat 5 Ziffern.
postal-code-unknown = Diese Postleitzahl finden wir nicht. Bitte prüfen Sie sie.
district-not-in-network = Dieser Kreis gehört nicht zum Netzwerk.
already-applied = Diese Organisation ist schon Partner in diesem Netzwerk oder hat bereits einen Antrag gestellt.
decline-needs-message = Bitte schreiben Sie kurz, warum Sie den Antrag ablehnen. Die Organisation bekommt diese Nachricht.
invitation-invalid = Dieser Code ist ungültig, abgelaufen oder wurde schon benutzt. Bitte fragen Sie nach einem neuen Code.

## Fehlerseiten (auch als Meldung der API)

error-title-not-found = Seite nicht gefunden
error-title-forbidden = Kein Zugriff
error-title-internal = Ein Fehler ist aufgetreten
error-title-request = Das hat nicht geklappt
error-not-found = Diese Seite gibt es nicht (mehr). Vielleicht ist der Link veraltet oder falsch geschrieben.
error-forbidden = Sie haben keine Berechtigung für diese Seite. Falls Sie Ihre E-Mail-Adresse noch nicht bestätigt haben, tun Sie das bitte zuerst. Sonst wenden Sie sich an die Administration Ihrer Organisation oder an die Koordinierungsstelle.
error-unauthorized = Bitte melden Sie sich an. Für die API brauchen Sie einen gültigen API-Schlüssel.
error-csrf = Das Formular ist abgelaufen. Bitte laden Sie die Seite neu und versuchen Sie es noch einmal.
error-validation = Einige Angaben sind ungültig. Bitte prüfen Sie sie.
error-too-many = Zu viele Versuche in kurzer Zeit. Bitte warten Sie einige Minuten und versuchen Sie es dann noch einmal.
error-internal = Bei uns ist ein Fehler passiert. Bitte versuchen Sie es später noch einmal.
search-starting = Die Kurssuche wird nach einem Neustart gerade aufgebaut. Bitte versuchen Sie es in einer Minute noch einmal.
regional-figures-preparing = Die Zahlen zum Weiterbildungsbedarf werden gerade berechnet. Bitte versuchen Sie es in einer Minute noch einmal.
error-title-unavailable = Gleich wieder da
error-too-large = Die gesendeten Daten sind zu groß.
error-bad-request = Die Adresse oder die gesendeten Angaben sind unvollständig oder haben ein falsches Format. Bitte gehen Sie zurück und versuchen Sie es noch einmal.
error-method = Diese Aktion ist an dieser Adresse nicht möglich.
error-json-invalid = Der Inhalt der Anfrage ist kein gültiges JSON oder passt nicht zum erwarteten Format.
error-reference = Fehlernummer: { $reference }. Bitte nennen Sie diese Nummer, wenn Sie uns den Fehler melden.

## Bestätigungen nach einer Aktion

notice-confirmed = Ihre E-Mail-Adresse ist bestätigt. Sie können sich jetzt anmelden.
notice-logged-out = Sie sind jetzt abgemeldet.
notice-link-invalid = Dieser Link gilt nicht mehr. Über „Passwort vergessen?“ können Sie einen neuen anfordern.
notice-password-changed = Ihr Passwort ist geändert. Bitte melden Sie sich mit dem neuen Passwort an.
notice-saved = Gespeichert.
notice-deleted = Der Eintrag ist entfernt.
notice-joined = Willkommen! Sie gehören jetzt zu dieser Organisation.
notice-applied = Ihr Antrag ist eingegangen. Die Koordinierungsstelle prüft ihn und meldet sich per E-Mail.
notice-decided = Die Entscheidung ist gespeichert. Wer den Antrag gestellt hat, bekommt eine E-Mail.

## Anmelden, Registrieren, Passwort

login-title = Anmelden
login-submit = Anmelden
forgot-link = Passwort vergessen?
register-link = Noch kein Konto? Jetzt registrieren
invitation-code-link = Ich habe einen Einladungscode
register-title = Konto anlegen
register-intro = Mit einem Konto können Sie Ihre Organisation bei einem Netzwerk anmelden, Einladungen annehmen und Ihre Angaben verwalten. Sie brauchen dafür nur eine E-Mail-Adresse.
register-submit = Konto anlegen
register-have-account = Sie haben schon ein Konto?
check-mail-title = Bitte prüfen Sie Ihre E-Mails
check-mail-body = Bitte sehen Sie in Ihr Postfach { $email }. Dort finden Sie in wenigen Minuten eine E-Mail von uns mit einem Link. Öffnen Sie den Link, um weiterzumachen.
check-mail-hint = Keine E-Mail bekommen? Sehen Sie auch im Spam-Ordner nach und prüfen Sie, ob die Adresse richtig geschrieben ist.
resend-link = Neuen Bestätigungslink anfordern
resend-title = Bestätigungslink erneut senden
resend-intro = Geben Sie die E-Mail-Adresse ein, mit der Sie sich registriert haben. Wir schicken Ihnen einen neuen Link, mit dem Sie die Adresse bestätigen.
forgot-title = Passwort vergessen
forgot-intro = Geben Sie Ihre E-Mail-Adresse ein. Wir schicken Ihnen einen Link, mit dem Sie ein neues Passwort festlegen.
send-link-submit = Link senden
reset-title = Neues Passwort festlegen
reset-submit = Passwort speichern
confirm-failed-title = Bestätigung nicht möglich
confirm-failed = Dieser Bestätigungslink ist ungültig, abgelaufen oder wurde schon benutzt. Fordern Sie einfach einen neuen an.

## Konto und API-Schlüssel

account-title = Mein Konto
account-orgs = Meine Organisationen
account-no-orgs = Sie gehören noch zu keiner Organisation. Mit einem Einladungscode treten Sie einer Organisation bei. Oder Sie melden Ihre Organisation bei einem Netzwerk an.
account-network-roles = Meine Rollen in Netzwerken
account-more = Weiteres
tokens-title = API-Schlüssel
tokens-intro = Mit einem API-Schlüssel können Programme in Ihrem Namen über die API Daten ändern, z. B. das Profil Ihrer Organisation. Geben Sie Schlüssel nicht weiter und widerrufen Sie einen Schlüssel, sobald Sie ihn nicht mehr brauchen.
tokens-created = Ihr neuer API-Schlüssel. Kopieren Sie ihn jetzt – er wird nur dieses eine Mal angezeigt.
tokens-created-at = Erstellt
tokens-last-used = Zuletzt benutzt
tokens-revoke = „{ $name }“ widerrufen
tokens-new = Neuen API-Schlüssel erstellen
tokens-create = Schlüssel erstellen

## Schnittstelle (API)

api-docs-title = Schnittstelle (API)
api-docs-intro = Über die API können Programme Netzwerke, Kreise und Organisationen als JSON abrufen. Öffentliche Daten lesen Sie ohne Anmeldung; zum Ändern brauchen Sie einen API-Schlüssel. Die vollständige Beschreibung im OpenAPI-Format:
api-method = Methode
api-path = Pfad
api-summary = Beschreibung
api-auth = Anmeldung
api-token-needed = API-Schlüssel nötig

## Startseite und Netzwerke

home-title = Weiterbildung in Ihrer Region
home-intro = Lernregion verbindet Unternehmen, Beschäftigte, Bildungsanbieter und weitere Partner in regionalen Weiterbildungsnetzwerken. Finden Sie Ihr Netzwerk und die Partner in Ihrer Nähe.
home-networks = Netzwerke
home-no-networks = Hier gibt es noch keine Netzwerke.
partners-count =
    { $count ->
        [0] Noch keine Partner
        [one] 1 Partner
       *[other] { $count } Partner
    }
districts-count =
    { $count ->
        [one] 1 Kreis
       *[other] { $count } Kreise
    }
pending-count =
    { $count ->
        [one] 1 offener Antrag
       *[other] { $count } offene Anträge
    }
network-partners-link = Alle Partner
network-map-link = Partner auf der Karte zeigen
network-apply-link = Als Partner mitmachen
network-contact = Kontakt
network-districts = Kreise im Netzwerk

## Kreise

district = Kreis
district-kind = Art
district-population = Einwohnerzahl
district-density = Einwohner je km²
district-urban-rural = Stadt oder Land
district-partners = Partner
urban-rural-urban = überwiegend städtisch
urban-rural-intermediate = teils städtisch, teils ländlich
urban-rural-rural = überwiegend ländlich
urban-rural-unknown = keine Angabe

## Partnerverzeichnis, Partnerseite und Karte

directory-title = Partnerverzeichnis
directory-filters = Partner filtern
directory-search = Name der Organisation
directory-empty = Keine Partner passen zu Ihrer Auswahl. Versuchen Sie es mit weniger Filtern.
partners-found =
    { $count ->
        [0] Keine Partner gefunden
        [one] 1 Partner gefunden
       *[other] { $count } Partner gefunden
    }
partner-edit = Angaben bearbeiten
partner-facts = Auf einen Blick
partner-map-label = Karte: Lage in { $place }
map-title = Netzwerkkarte
map-intro = Die Karte zeigt die Kreise des Netzwerks und seine Partner. Alle Angaben finden Sie auch in den Tabellen unter der Karte.
map-region-label = Karte der Kreise und Partner
map-layer-partners = Partner
map-partner-list = Alle Partner als Liste

## Arten von Organisationen

kind-company = Unternehmen
kind-provider = Bildungsanbieter
kind-chamber = Kammer
kind-union = Gewerkschaft
kind-vocational_college = Berufsschule
kind-university = Hochschule
kind-public_body = Öffentliche Stelle
kind-association = Verband oder Verein
kind-other = Sonstige Organisation

## Unternehmensgröße (Beschäftigte, Schwellen nach EU-Definition für KMU)

size-micro = Kleinstunternehmen (unter 10 Beschäftigte)
size-small = Kleines Unternehmen (10–49 Beschäftigte)
size-medium = Mittleres Unternehmen (50–249 Beschäftigte)
size-large = Großes Unternehmen (ab 250 Beschäftigte)

## Rollen

org-role-admin = Administrator:in
org-role-member = Mitglied
org-role-employee = Mitarbeiter:in
network-role-coordinator = Koordinator:in
network-role-ambassador = Botschafter:in
network-role-multiplier = Multiplikator:in
network-role-coach = Coach

## Aufnahme in ein Netzwerk

apply-title = Aufnahme beantragen
apply-title-network = Aufnahme in { $network } beantragen
apply-intro = Melden Sie Ihre Organisation als Partner im Netzwerk an. Die Koordinierungsstelle prüft den Antrag und meldet sich per E-Mail. Erst nach der Aufnahme erscheint Ihre Organisation im Partnerverzeichnis.
apply-which-org = Für welche Organisation stellen Sie den Antrag?
apply-new-org = Eine neue Organisation eintragen
apply-profile = Angaben zur Organisation
apply-profile-hint = Nur nötig, wenn Sie eine neue Organisation eintragen. Nach der Aufnahme sind diese Angaben im Partnerverzeichnis öffentlich sichtbar.
apply-submit = Antrag absenden
membership-pending = Antrag wird geprüft
membership-approved = Aufgenommen
membership-declined = Abgelehnt

## Koordinierungsstelle

coordination-title = Koordinierungsstelle
applications-title = Offene Anträge
applications-none = Zurzeit gibt es keine offenen Anträge.
applications-by = Gestellt von
decision-approve = { $org } aufnehmen
decision-decline = { $org } ablehnen

## Meine Organisationen

my-orgs-title = Meine Organisationen
my-orgs-join = Einem Netzwerk beitreten
org-nav = Verwaltung der Organisation
org-overview = Übersicht
org-profile = Profil
org-memberships = Mitgliedschaft in Netzwerken
org-no-memberships = Diese Organisation ist noch in keinem Netzwerk.
org-decision-message = Nachricht der Koordinierungsstelle
org-public-page = Öffentliche Seite
locations-title = Standorte
locations-none = Es sind noch keine weiteren Standorte eingetragen.
locations-add = Standort hinzufügen
contacts-title = Ansprechpersonen
contacts-none = Es sind noch keine Ansprechpersonen eingetragen.
contacts-internal = nur intern sichtbar
contacts-add = Ansprechperson hinzufügen
people-title = Personen
people-members = Personen in dieser Organisation

## Einladungen

invitations-open = Offene Einladungen
invitations-none = Es gibt keine offenen Einladungen.
invitations-until = gültig bis
invitations-revoke = Widerrufen
invitations-new = Jemanden einladen
invitations-intro = Sie bekommen einen Code und einen Link. Geben Sie beides an die Person weiter, z. B. per E-Mail, Messenger oder als Aushang. Eine Einladung gilt 30 Tage und für eine Person. Nur Administrator:innen können das Profil bearbeiten und Personen einladen.
invitations-create = Einladung erstellen
invitation-created = Die Einladung ist erstellt. Notieren Sie Code oder Link jetzt – beides wird nur dieses eine Mal angezeigt.
invitation-code = Einladungscode
invitation-link = Einladungslink
invitation-title = Einladung
invitation-code-intro = Sie haben von Ihrer Organisation einen Einladungscode bekommen? Geben Sie ihn hier ein.
invitation-to = { $org } lädt Sie ein
invitation-role = Ihre Rolle: { $role }
invitation-accept = Einladung annehmen
invitation-need-account = Um die Einladung anzunehmen, melden Sie sich bitte an. Noch kein Konto? Dann registrieren Sie sich zuerst und öffnen danach diesen Link noch einmal.

## Postausgang

outbox-title = Postausgang
outbox-intro-offline = Für diese Installation ist kein Mail-Server eingerichtet. Deshalb werden keine E-Mails verschickt, sondern hier gesammelt. Sie enthalten persönliche Links, zum Beispiel zum Zurücksetzen von Passwörtern – bitte vertraulich behandeln.
outbox-intro-smtp = Die E-Mails werden über den eingerichteten Mail-Server verschickt. Hier sehen Sie, wann welche E-Mail an wen ging und ob die Zustellung fehlgeschlagen ist. Die Inhalte werden nicht gezeigt, weil sie persönliche Links enthalten.
outbox-scope = Sie sehen E-Mails an Sie selbst und E-Mails zur gemeinsamen Arbeit der Netzwerke, die Sie koordinieren (Beitrittsanträge, gebündelte Bedarfe). Benachrichtigungen an andere Personen und Konto-E-Mails sieht nur die Plattform-Administration.
outbox-empty = Bisher wurden keine E-Mails verschickt.
outbox-sensitive-hidden = Der Inhalt enthält einen persönlichen Link (Bestätigung oder neues Passwort) und ist nur für die Plattform-Administration sichtbar.
outbox-to = An:
outbox-failed = Zustellung fehlgeschlagen

## Datenquellen

data-sources-title = Datenquellen und Lizenzen
data-sources-intro = Lernregion nutzt offene Daten öffentlicher Stellen. Hier steht, woher sie kommen und unter welcher Lizenz sie stehen.
data-sources-what = Daten
data-sources-source = Quelle
data-sources-licence = Lizenz und Namensnennung
data-sources-boundaries = Grenzen der Kreise (für die Karte)
data-sources-districts =
    { $count ->
        [one] 1 Kreis oder kreisfreie Stadt mit Einwohnerzahl und Fläche
       *[other] { $count } Kreise und kreisfreie Städte mit Einwohnerzahl und Fläche
    }
data-sources-typology = Stadt-Land-Typologie der Kreise
data-sources-postal =
    { $count ->
        [one] 1 Postleitzahl mit Ort und Lage
       *[other] { $count } Postleitzahlen mit Ort und Lage
    }
data-sources-sectors =
    { $count ->
        [one] 1 Wirtschaftszweig (WZ 2008)
       *[other] { $count } Wirtschaftszweige (WZ 2008)
    }
data-sources-changes = Unsere Änderungen: Die Kreisgrenzen sind vereinfacht, damit die Karte schnell lädt. Kreise, die nach dem Stand einer Quelle zusammengelegt wurden (etwa Eisenach und der Wartburgkreis 2021), sind zusammengeführt.
data-sources-software = Eingebundene Software

## E-Mails (reiner Text)

mail-confirm-subject = Bitte bestätigen Sie Ihre E-Mail-Adresse
mail-confirm-body =
    Guten Tag { $name },

    Sie haben ein Konto bei Lernregion angelegt. Bitte bestätigen Sie Ihre E-Mail-Adresse. Öffnen Sie dazu diesen Link:

    { $link }

    Der Link ist 48 Stunden gültig.

    Sie haben sich nicht registriert? Dann hat jemand Ihre Adresse aus Versehen eingegeben. Sie müssen nichts tun: Ohne Bestätigung wird das Konto nicht aktiv.

    Viele Grüße
    Ihre Lernregion
mail-already-registered-subject = Sie haben bereits ein Konto
mail-already-registered-body =
    Guten Tag { $name },

    gerade wollte jemand mit Ihrer E-Mail-Adresse ein neues Konto bei Lernregion anlegen. Sie haben aber schon ein Konto.

    Waren Sie das und wissen Ihr Passwort nicht mehr? Hier können Sie ein neues festlegen:

    { $link }

    Waren Sie das nicht, müssen Sie nichts tun. Ihr Konto bleibt, wie es ist.

    Viele Grüße
    Ihre Lernregion
mail-reset-subject = Neues Passwort festlegen
mail-reset-body =
    Guten Tag { $name },

    für Ihr Konto bei Lernregion wurde ein neues Passwort angefordert. Mit diesem Link legen Sie es fest:

    { $link }

    Der Link ist 2 Stunden gültig und funktioniert nur einmal.

    Sie haben kein neues Passwort angefordert? Dann können Sie diese E-Mail einfach löschen. Ihr bisheriges Passwort bleibt gültig.

    Viele Grüße
    Ihre Lernregion
mail-approved-subject = Ihr Antrag wurde angenommen
mail-approved-body =
    Guten Tag,

    die Koordinierungsstelle von { $network } hat den Antrag von { $org } angenommen. { $org } ist jetzt Partner im Netzwerk.

    Nachricht der Koordinierungsstelle:
    { $message }

    So sieht Ihre Seite im Partnerverzeichnis aus:
    { $link }

    Sie haben keinen Antrag gestellt? Dann melden Sie sich bitte bei der Koordinierungsstelle.

    Viele Grüße
    Ihre Lernregion
mail-declined-subject = Ihr Antrag wurde abgelehnt
mail-declined-body =
    Guten Tag,

    die Koordinierungsstelle von { $network } hat den Antrag von { $org } leider abgelehnt.

    Begründung:
    { $message }

    Bei Fragen wenden Sie sich bitte an die Koordinierungsstelle. Sie können später einen neuen Antrag stellen.

    Sie haben keinen Antrag gestellt? Dann können Sie diese E-Mail löschen.

    Viele Grüße
    Ihre Lernregion
mail-new-application-subject = Neuer Antrag auf Aufnahme
mail-new-application-body =
    Guten Tag,

    eine Organisation möchte Partner im Netzwerk { $network } werden. Bitte prüfen Sie den Antrag und entscheiden Sie darüber:

    { $link }

    Diese E-Mail geht an die Kontaktadresse des Netzwerks. Wenn Sie nicht mehr zuständig sind, leiten Sie sie bitte an die Koordinierungsstelle weiter.

    Viele Grüße
    Ihre Lernregion

## Map controls
map-districts-attribution = Kreisgrenzen: © GeoBasis-DE / BKG 2016 (Daten verändert)
map-close = Schließen
map-zoom-in = Vergrößern
map-zoom-out = Verkleinern

## Competence framework
cancel = Abbrechen
edit-named = { $name } bearbeiten
framework-title = Kompetenzrahmen
framework-intro = Der Kompetenzrahmen beschreibt, welche Kompetenzen im Netzwerk zählen und in welchen fünf Stufen man sie beherrschen kann. Unternehmen beschreiben damit ihren Bedarf, Beschäftigte schätzen sich damit ein, Bildungsanbieter ordnen ihre Kurse zu.
framework-empty = Für dieses Netzwerk ist noch kein Kompetenzrahmen angelegt.
framework-adopt = Kompetenzrahmen Industrie/Arbeit 4.0 übernehmen
framework-import = Kompetenzen importieren
framework-new = Neue Kompetenz
framework-export = Als CSV herunterladen
framework-count = { $count ->
    [one] 1 Kompetenz
   *[other] { $count } Kompetenzen
}
framework-levels = Die fünf Stufen
framework-level = Stufe
framework-areas = Bereiche
framework-area = Bereich
framework-retired = nicht mehr angeboten
framework-retire = Nicht mehr anbieten (bleibt für frühere Einschätzungen erhalten)
framework-dqr = DQR-Niveau
framework-code = Kurzkennung
hint-framework-code = Kleinbuchstaben, Ziffern und Unterstriche, z. B. cnc_fraesen_5achs. Sie bleibt gleich, auch wenn sich der Name ändert.
framework-name-de = Name (Deutsch)
framework-name-en = Name (Englisch)
framework-description-de = Beschreibung für Personal und Trainer (Deutsch)
framework-description-en = Beschreibung für Personal und Trainer (Englisch)
framework-plain-de = Einfache Beschreibung für Beschäftigte (Deutsch)
framework-plain-en = Einfache Beschreibung für Beschäftigte (Englisch)
hint-framework-dqr = Typisches DQR-Niveau oder ein Bereich, z. B. 4 oder 3-4. Leer lassen, wenn es nicht passt.
framework-technologies = Technologien, die diese Kompetenz verlangen
notice-framework-adopted = Der Kompetenzrahmen Industrie/Arbeit 4.0 wurde übernommen. Sie können ihn jetzt anpassen.
import-intro = Laden Sie eine CSV-Datei hoch; gespeichert wird sie nur als Ganzes. Im Lernregion-Format stehen die Spalten area_code, area_de, area_en, code, name_de, name_en, description_de, description_en, plain_de, plain_en, dqr_hint und technologies (so wie im Export). Aus ESCO können Sie die Datei „skills“ einer Sprache übernehmen. Gleiche Kennungen werden aktualisiert, neue angelegt; nichts wird gelöscht.
import-format = Format der Datei
import-format-own = Lernregion-Format (wie der Export)
import-format-esco-de = ESCO-Kompetenzen, deutsche Datei
import-format-esco-en = ESCO-Kompetenzen, englische Datei
import-file = CSV-Datei
import-submit = Importieren
import-created = { $count ->
    [one] 1 Kompetenz neu angelegt.
   *[other] { $count } Kompetenzen neu angelegt.
}
import-updated = { $count ->
    [one] 1 Kompetenz aktualisiert.
   *[other] { $count } Kompetenzen aktualisiert.
}
import-row-errors = { $count ->
    [one] 1 Fehler in der Datei
   *[other] { $count } Fehler in der Datei
}
import-nothing-saved = Es wurde nichts gespeichert. Korrigieren Sie die genannten Zeilen und laden Sie die Datei erneut hoch.
import-line = Zeile
import-problem = Problem
import-value = Wert
upload-failed = Die Datei konnte nicht gelesen werden. Bitte versuchen Sie es noch einmal.
upload-too-large = Die Datei ist zu groß (höchstens 2 MB).
upload-not-utf8 = Die Datei ist nicht in UTF-8 gespeichert. Speichern Sie sie in Ihrer Tabellenkalkulation als „CSV UTF-8“.
upload-empty = Bitte wählen Sie eine Datei aus.
upload-unusable = Die Datei hat nicht das erwartete Format.
csv-unreadable = Diese Zeile ist kein gültiges CSV.
csv-missing-column = Diese Spalte fehlt in der Kopfzeile:
csv-code-invalid = Die Kennung darf nur Kleinbuchstaben, Ziffern und Unterstriche enthalten und muss mit einem Buchstaben beginnen.
csv-code-duplicate = Diese Kennung kommt mehrfach vor.
csv-value-missing = Hier fehlt ein Pflichtwert:
csv-value-too-long = Dieser Wert ist zu lang:
csv-technology-unknown = Diese Technologie ist unbekannt:
csv-dqr-invalid = Das DQR-Niveau muss eine Zahl von 1 bis 8 sein oder ein Bereich wie 3-4.
esco-uri-invalid = Das ist keine ESCO-Kompetenz-URI:
esco-type-skipped = Dieser ESCO-Typ ist keine Kompetenz und wurde übersprungen:
level-invalid = Die Stufe muss eine Zahl von 0 bis 4 sein.
assessment-not-pending = Diese Kompetenz fragt Ihre aktuelle Runde nicht ab: Ihre Rolle verlangt sie nicht, oder Sie haben sie seit Beginn der Runde schon eingeschätzt. Eine neue Runde fragt alle wieder ab.
date-invalid = Bitte geben Sie ein Datum im Format JJJJ-MM-TT an.
technology-robotics = Robotik
technology-cobot = kollaborative Roboter (Cobots)
technology-cnc = CNC-Maschinen
technology-plc = Steuerungstechnik (SPS)
technology-additive = 3D-Druck / additive Fertigung
technology-ai = künstliche Intelligenz
technology-data = Daten und Analyse
technology-cloud = Cloud-Dienste
technology-mes = Fertigungssteuerung (MES)
technology-erp = Unternehmenssoftware (ERP)
technology-iot = vernetzte Maschinen (IoT)
technology-cybersecurity = IT-Sicherheit
technology-e_mobility = Elektromobilität
technology-energy = Energie und Effizienz
technology-welding = Schweißtechnik
technology-cad = Konstruktion (CAD)
technology-cam = Fertigungsplanung (CAM)
technology-vr_ar = Virtuelle und erweiterte Realität
technology-digital_learning = digitales Lernen
technology-logistics = Logistik und Lager

## Needs analysis
needs-title = Kompetenzbedarf
needs-intro = Hier beschreiben Sie, wohin sich Ihr Betrieb entwickelt: welche Rollen es gibt, welche Kompetenzen sie brauchen und welche Veränderungen anstehen. Die Auswertung zeigt nur zusammengefasste Zahlen; einzelne Antworten sehen Sie nur, wenn die Person zustimmt.
needs-priorities = Wichtigste Lücken
needs-no-priorities = Noch keine Lücken erkennbar – es fehlen Anforderungen oder Einschätzungen, oder die Gruppen sind noch zu klein.
needs-competence = Kompetenz
needs-people-with-gap = Personen mit Lücke
needs-due = Fällig
needs-due-now = jetzt
needs-heat = Rollen und Kompetenzen
needs-heat-intro = { $count ->
    [one] Jede Zahl steht für mindestens eine Person.
   *[other] Jede Zahl steht für mindestens { $count } Personen; kleinere Gruppen werden nicht gezeigt.
}
needs-heat-empty = Legen Sie Rollen mit Anforderungen an und ordnen Sie Beschäftigte zu, dann erscheint hier die Übersicht.
needs-heat-legend = „2/6“ heißt: etwa 2 von etwa 6 eingeschätzten Personen haben hier eine Lücke. Ø ist die durchschnittliche Zahl fehlender Stufen. ◌ bedeutet: keine Angabe, weil die Gruppe zu klein ist, weil man sie aus anderen Zahlen errechnen könnte oder weil sich die Gruppe seit der letzten Angabe um zu wenige Personen verändert hat.
needs-hidden = keine Angabe, um Einzelne zu schützen
needs-total = Gesamt
needs-roles = Rollen
needs-no-roles = Noch keine Rollen angelegt.
needs-role-people = { $count ->
    [one] 1 Person
   *[other] { $count } Personen
}
needs-new-role = Neue Rolle
needs-role-name = Name der Rolle
hint-role-name = Zum Beispiel Maschinenbediener:in, Instandhalter:in, Produktionsplaner:in.
role-name-taken = Eine Rolle mit diesem Namen gibt es schon.
needs-changes = Geplante Veränderungen
needs-changes-intro = Eine Veränderung, etwa eine neue Roboterzelle, hebt die Anforderungen ab einem Datum. So wird sichtbar, was bis wann gelernt werden muss.
needs-no-changes = Noch keine Veränderungen eingetragen.
needs-new-change = Neue Veränderung
needs-change-title = Was ändert sich?
hint-change-title = Zum Beispiel „Roboterzelle zum Schweißen ab Q3 2027“.
needs-change-reason = Warum und für wen?
needs-change-technology = Technologie
needs-change-date = Ab wann?
hint-date = Datum im Format JJJJ-MM-TT.
date-in-past = Das Datum liegt in der Vergangenheit.
needs-people = Beschäftigte
needs-people-intro = Ordnen Sie jeder Person eine Rolle und ihre Führungskraft zu. Einzelne Einschätzungen sehen nur die Personalverantwortlichen und die eigene Führungskraft einer Person, und nur, wenn die Person es erlaubt hat.
needs-people-intro-member = Einzelne Einschätzungen sehen nur die Personalverantwortlichen und die eigene Führungskraft einer Person, und nur mit ihrer Zustimmung. Ein Name ist nur dann ein Link, wenn die Person es Ihnen als ihrer Führungskraft erlaubt hat.
needs-role = Rolle
needs-role-of = Rolle von { $name }
needs-manager = Führungskraft
needs-manager-of = Führungskraft von { $name }
needs-manager-not-covered = Die Zustimmung der Person nennt diese Führungskraft noch nicht. Sie sieht nichts, bis die Person erneut zustimmt.
manager-invalid = Bitte wählen Sie als Führungskraft jemanden aus der Liste: eine Person mit Admin- oder Mitgliedsrolle in diesem Betrieb, nicht die Person selbst.
needs-consent = Freigabe
needs-consent-shares = teilt ihre Einschätzung
needs-consent-private = nur zusammengefasst
role-requirements = Anforderungen dieser Rolle
role-no-requirements = Noch keine Anforderungen.
role-level = Stufe
role-importance = Wichtigkeit
role-when = Ab wann
role-add-requirement = Anforderung hinzufügen
importance-low = wünschenswert
importance-medium = wichtig
importance-high = entscheidend
level-0 = 0 – keine Kenntnisse
level-1 = 1 – kennt die Grundlagen
level-2 = 2 – wendet mit Anleitung an
level-3 = 3 – wendet selbstständig an
level-4 = 4 – Expertin/Experte, leitet andere an
source-self = Selbsteinschätzung
source-manager = Einschätzung der Führungskraft
employee-audit-note = Jeder Aufruf dieser Seite wird protokolliert; die Person sieht im Protokoll, wer wann ihre Angaben gelesen hat.
employee-profile = Soll und Ist
employee-no-role = Dieser Person ist noch keine Rolle mit Anforderungen zugeordnet.
employee-history = Alle Einschätzungen
employee-not-shared = Diese Person teilt ihre einzelnen Angaben nicht. Sie sehen nur die zusammengefassten Zahlen.
employee-assess = Einschätzung ergänzen
profile-target = Soll
profile-actual = Ist
profile-gap = Lücke
profile-stale = veraltet
profile-date = Datum
profile-source = Quelle
profile-from = von
profile-to = auf
me-title = Meine Kompetenzen
me-intro = Schätzen Sie ein, was Sie schon können. Das dauert ein paar Minuten und geht auch auf dem Handy. Sie entscheiden selbst, ob Ihr Betrieb Ihre einzelnen Antworten sehen darf.
me-no-org = Sie gehören noch zu keinem Betrieb. Mit einem Einladungscode Ihres Betriebs können Sie beitreten.
me-no-role = Ihr Betrieb hat Ihnen noch keine Rolle zugeordnet. Sobald das geschehen ist, können Sie sich hier einschätzen.
me-progress = { $count ->
    [one] 1 Kompetenz eingeschätzt
   *[other] { $count } Kompetenzen eingeschätzt
}
me-of-total = { $count ->
    [one] von 1.
   *[other] von { $count }.
}
me-progress-label = Fortschritt der Selbsteinschätzung
me-start = Selbsteinschätzung beginnen
me-continue = Weitermachen
me-review = Einschätzung ansehen
me-restart = Neu einschätzen
me-next = Was ich als Nächstes lernen könnte
me-no-gaps = Nach Ihren Angaben erfüllen Sie alle Anforderungen Ihrer Rolle. Prima!
me-to-assess = { $count ->
    [one] 1 Kompetenz ist noch nicht (oder nicht mehr aktuell) eingeschätzt.
   *[other] { $count } Kompetenzen sind noch nicht (oder nicht mehr aktuell) eingeschätzt.
}
me-profile = Mein ganzes Profil
me-consent = Wer darf meine Antworten sehen?
me-consent-audience = Wenn Sie zustimmen, sehen Ihre einzelnen Antworten nur die Personalverantwortlichen von { $org } ({ $admins }). Für Sie ist keine Führungskraft eingetragen.
me-consent-audience-manager = Wenn Sie zustimmen, sehen Ihre einzelnen Antworten nur die Personalverantwortlichen von { $org } ({ $admins }) und Ihre Führungskraft { $manager }.
me-consent-no-admins = zurzeit niemand eingetragen
me-consent-nobody-else = Sonst niemand: Kolleginnen und Kollegen, auch im Betriebsrat, sehen höchstens Zahlen über Gruppen. Bekommen Sie eine neue Führungskraft, sieht sie nichts, bis Sie hier wieder zustimmen. Jeden Blick auf Ihre Antworten sehen Sie unten im Protokoll.
me-consent-renew = Ihre Führungskraft ist jetzt { $manager }. { $manager } sieht Ihre Antworten erst, wenn Sie hier noch einmal zustimmen und speichern. Bis dahin gilt Ihre Zustimmung nur für die Personalverantwortlichen.
consent-manager-changed = Ihre Führungskraft wurde inzwischen geändert. Bitte lesen Sie unter „Meine Kompetenzen“ noch einmal, wer Ihre Antworten sehen würde, und speichern Sie dann erneut.
me-consent-share = Mein Betrieb darf meine einzelnen Antworten sehen – nur die oben genannten Personen.
me-consent-assess = Die oben genannten Personen dürfen eine eigene Einschätzung ergänzen.
me-consent-hint = Ohne Ihre Zustimmung sieht Ihr Betrieb nur Zahlen über Gruppen von mindestens fünf Personen. Sie können das jederzeit ändern.
me-audit = Wer hat meine Angaben gelesen?
me-audit-none = Niemand außer Ihnen.
me-audit-who = Wer
me-audit-what = Was
audit-read-individual = hat Ihre Einschätzungen angesehen
audit-manager-assessment = hat eine Einschätzung ergänzt
me-data = Meine Daten
me-export = Alle meine Kompetenzdaten herunterladen (JSON)
me-delete-confirm = Ja, ich möchte alle meine Einschätzungen löschen.
me-delete = Einschätzungen löschen
delete-confirm-needed = Bitte bestätigen Sie das Löschen mit dem Häkchen.
notice-data-deleted = Ihre Einschätzungen wurden gelöscht.
notice-assessment-done = Geschafft! Ihre Selbsteinschätzung ist vollständig.
step-title = Selbsteinschätzung
step-progress = { $count ->
    [one] Frage 1
   *[other] Frage { $count }
}
step-choose-level = Bitte wählen Sie eine Antwort aus – oder überspringen Sie die Frage.
step-skip = Überspringen
step-pause = Pause machen – später weiter
step-done-title = Alles eingeschätzt
step-done = Sie haben alle Kompetenzen Ihrer Rolle eingeschätzt. Danke!
region-title = Bedarf in der Region
region-intro = Welche Kompetenzen fehlen in den Betrieben des Netzwerks, und wo? Die Zahlen fassen die Einschätzungen aller beteiligten Betriebe zusammen.
region-privacy = { $count ->
    [one] Jede Zahl steht für mindestens eine Person.
   *[other] Jede Zahl steht für mindestens { $count } Personen aus mindestens zwei Betrieben; kleinere Gruppen und Zahlen, aus denen man sie errechnen könnte, werden nicht gezeigt.
}
region-empty = Noch keine Bedarfe: Die Betriebe haben noch keine Anforderungen beschrieben.
region-map = Karte
region-map-label = Anteil der Beschäftigten mit Lücke je Kreis: { $competence }
region-map-title = { $district }: { $share } % mit Lücke
region-no-data = keine Einschätzungen
region-map-competence = Kompetenz für die Karte
region-show-map = Karte zeigen
region-legend-1 = unter 20 % mit Lücke
region-legend-2 = 20 bis 39 %
region-legend-3 = 40 bis 59 %
region-legend-4 = 60 % und mehr
region-table = Tabelle nach Kreisen
region-table-intro = Die Tabelle enthält dieselben Angaben wie die Karte, für alle Kompetenzen.
region-total = Region
region-legend = „3/8“ heißt: 3 von 8 eingeschätzten Beschäftigten haben hier eine Lücke. ◌ bedeutet: zu wenige Personen oder Betriebe für eine Angabe.

## Minimum group size (coordination)
group-size-title = Datenschutz: Mindestgruppengröße
group-size-help = Jede Zahl, die die Plattform zu Kompetenzen und Bedarfen zeigt – Betrieben, Bildungsanbietern, der Koordinierungsstelle und öffentlich –, beschreibt mindestens so viele Personen. Kleinere Gruppen werden ausgeblendet. Ein höherer Wert schützt besser, zeigt aber weniger.
label-min-group-size = Mindestgruppengröße (k)
group-size-hint = Eine ganze Zahl von 3 bis 50; empfohlen sind 5.
group-size-submit = Mindestgruppengröße speichern
group-size-invalid = Bitte geben Sie eine ganze Zahl von 3 bis 50 ein.

## Catalog: offerings
yes = ja
no = nein
offerings-title = Weiterbildungsangebote
offerings-none = Sie haben noch keine Angebote veröffentlicht.
offerings-count = { $count ->
    [one] Ein Angebot
   *[other] { $count } Angebote
}
offering-new = Neues Angebot
offering-edit-title = Angebot bearbeiten
offering-edit = „{ $title }“ bearbeiten
offering-withdraw = „{ $title }“ zurückziehen
offering-republish = „{ $title }“ wieder veröffentlichen
offering-status = Status
offering-actions = Aktionen
offering-published = veröffentlicht
offering-withdrawn = zurückgezogen
offering-withdrawn-notice = Dieses Angebot ist zurückgezogen und nur für Ihren Bildungsträger sichtbar.
offering-save = Angebot speichern
offering-section-what = Was wird gelernt?
offering-section-when = Wann und wie?
offering-section-where = Wo?
offering-section-terms = Kosten, Gruppe und Zugänglichkeit
offering-any-time = Einstieg jederzeit
offering-free = kostenfrei
offering-online = online
offering-place = Ort
offering-times = Zeiten
offering-per-week = { $hours } Stunden pro Woche
offering-participants = Teilnehmende
offering-accessibility = Barrierefreiheit und Unterstützung
offering-builds = Was Sie danach können
offering-reaches-level = Stufe { $count }
offering-book = Zur Anmeldung beim Bildungsträger
format-on_site = Präsenz
format-online_live = Online live
format-self_paced = Online im eigenen Tempo
format-blended = Blended Learning (Präsenz und online)
format-in_company = Im Betrieb (Inhouse)
label-offering-title = Titel
label-offering-external_id = Ihre Kursnummer
hint-offering-external_id = Optional. Mit derselben Nummer aktualisiert ein späterer Import dieses Angebot, statt ein neues anzulegen.
label-offering-description = Beschreibung
hint-offering-description = Inhalte, Voraussetzungen und Ablauf. Sie können Markdown nutzen: **fett**, Listen mit „- “.
label-offering-competences = Kompetenzen, die das Angebot aufbaut
hint-offering-competences = Wählen Sie bis zu acht Kompetenzen aus dem Kompetenzrahmen und die Stufe, die Teilnehmende danach erreichen.
label-offering-competence-n = Kompetenz { $count }
label-offering-level-n = Erreichte Stufe für Kompetenz { $count }
label-offering-format = Lernform
label-offering-start_date = Beginn
hint-offering-start_date = Leer lassen, wenn man jederzeit einsteigen kann.
label-offering-end_date = Ende
label-offering-schedule = Termine und Uhrzeiten
hint-offering-schedule = Zum Beispiel „Di und Do 17:30–20:45 Uhr“ oder „Sa 8:00–13:00 Uhr, 6 Termine“.
label-offering-hours_total = Stunden insgesamt
label-offering-hours_per_week = Stunden pro Woche
label-offering-part_time = teilzeitgeeignet
label-offering-evenings = abends
label-offering-weekends = am Wochenende
hint-offering-place = Für Präsenz, Blended Learning und Inhouse-Angebote. Aus der Postleitzahl ermitteln wir Landkreis und Entfernungen.
label-offering-street = Straße und Hausnummer
label-offering-postal_code = Postleitzahl
label-offering-city = Ort
label-offering-language = Sprache
hint-offering-language = Zweibuchstabiger Sprachcode, z. B. de oder en.
label-offering-price_eur = Preis
hint-offering-price_eur = In Euro, z. B. 1.250,00. Für kostenfreie Angebote 0 eintragen oder leer lassen.
label-offering-certificate = Abschluss oder Zertifikat
label-offering-azav = nach AZAV zugelassen (Träger und Maßnahme)
label-offering-step_free = stufenloser Zugang
label-offering-childcare = Kinderbetreuung
label-offering-plain_language = Unterlagen in Leichter oder Einfacher Sprache
label-offering-min_participants = Mindestzahl Teilnehmende
label-offering-max_participants = Höchstzahl Teilnehmende
label-offering-url = Link zur Anmeldung
offering-competences-required = Bitte wählen Sie mindestens eine Kompetenz, die das Angebot aufbaut.
offering-competences-too-many = Bitte nennen Sie höchstens acht Kompetenzen.
offering-competence-unknown = Diese Kompetenz gibt es im Kompetenzrahmen nicht.
offering-competence-twice = Eine Kompetenz ist doppelt genannt.
offering-level-invalid = Die erreichte Stufe muss zwischen 1 und 4 liegen.
offering-external-id-taken = Diese Kursnummer verwenden Sie schon für ein anderes Angebot.
end-before-start = Das Ende liegt vor dem Beginn.
flag-invalid = Bitte „ja“ oder „nein“ angeben.
hours-invalid = Bitte eine Stundenzahl größer als 0 (höchstens 5.000) angeben.
price-invalid = Bitte einen Preis in Euro angeben, z. B. 1.250,00.
participants-invalid = Bitte eine ganze Zahl ab 1 angeben.
participants-min-above-max = Die Mindestzahl ist größer als die Höchstzahl.
url-invalid = Bitte eine vollständige Adresse mit http:// oder https:// angeben.
language-invalid = Bitte einen zweibuchstabigen Sprachcode angeben, z. B. de.
offerings-import = Angebote importieren
offerings-import-intro = Laden Sie eine CSV-Datei (mit Komma oder Semikolon getrennt, UTF-8) oder JSON im schema.org-Format Course/CourseInstance hoch. Gespeichert wird die Datei nur als Ganzes: Hat eine Zeile einen Fehler, wird nichts gespeichert und jeder Fehler mit Zeile und Feld gemeldet. Zeilen mit einer bekannten Kursnummer aktualisieren das vorhandene Angebot.
offerings-import-template = CSV-Vorlage mit allen Spalten herunterladen
offerings-import-file = CSV- oder JSON-Datei
offerings-import-created = { $count ->
    [one] 1 Angebot neu angelegt.
   *[other] { $count } Angebote neu angelegt.
}
offerings-import-updated = { $count ->
    [one] 1 Angebot aktualisiert.
   *[other] { $count } Angebote aktualisiert.
}
import-job-title = Import der Angebote
import-job-running = { $count ->
    [one] 1 Angebot wird gespeichert.
   *[other] { $count } Angebote werden gespeichert.
}
import-job-progress = { $count ->
    [one] 1 Zeile bearbeitet
   *[other] { $count } Zeilen bearbeitet
}
import-job-leave = Sie können diese Seite verlassen; der Import läuft weiter. Die Angebote erscheinen erst, wenn alle Zeilen gespeichert sind – vorher keines.
import-job-refresh = Stand aktualisieren
import-job-to-offerings = Zu Ihren Angeboten
import-job-failed = Der Import wurde abgebrochen. Es wurde nichts gespeichert. Bitte laden Sie die Datei erneut hoch.
offerings-import-json-title = JSON nach schema.org
offerings-import-json-help = Ein Course oder eine Liste davon; jede CourseInstance wird ein Angebot. Kompetenzen stehen in „teaches“ als DefinedTerm mit „termCode“ und „educationalLevel“, die Dauer in „courseWorkload“ (z. B. PT40H), der Preis in „offers.price“. Für Angaben ohne schema.org-Begriff gibt es „lernregion:azav“, „lernregion:partTime“, „lernregion:evenings“, „lernregion:weekends“ und „lernregion:minParticipants“.
import-field = Feld
import-column-missing = Eine Pflichtspalte fehlt.
import-column-unknown = Diese Spalte kennen wir nicht.
import-csv-unreadable = Die CSV-Datei lässt sich nicht lesen.
import-duplicate-id = Diese Kursnummer steht in der Datei mehrfach.
import-json-invalid = Die Datei ist kein gültiges JSON.
import-json-not-courses = Das JSON enthält keine Kurse (schema.org Course).

## Funding advisor
funding-title = Förderung prüfen
funding-intro = Welche Förderprogramme kommen für dieses Angebot in Frage, was fehlt noch, und was kostet es dann? Die Angaben zum Kurs kennen wir schon; beantworten Sie, was Sie wissen. Leere Antworten gelten als „weiß nicht“ und führen nie zu einem falschen Nein. Ihre Antworten werden nicht gespeichert.
funding-questions = Angaben zu Ihnen und Ihrem Betrieb
funding-questions-hint = Alle Angaben sind freiwillig.
funding-dont-know = weiß nicht / keine Angabe
funding-check = Förderung prüfen
funding-results = Ergebnis
funding-results-first = Ohne Ihre Angaben sehen Sie, was allein vom Kurs abhängt.
funding-eligible = kommt in Frage
funding-not-eligible = kommt nicht in Frage
funding-unknown = offen – es fehlen Angaben
funding-source = Rechtsgrundlage und Informationen
funding-share = Anteil der Kurskosten
funding-wage = Zuschuss zum Arbeitsentgelt
funding-net = verbleibende Kosten
funding-unmet = Nicht erfüllt
funding-open = Noch offen
funding-answer = dafür fehlt
funding-met = Erfüllte Voraussetzungen
funding-number-invalid = Bitte eine Zahl angeben (oder das Feld leer lassen).
funding-age-invalid = Bitte ein Alter zwischen 14 und 99 angeben.
funding-q-age = Alter (in Jahren)
funding-q-company_employees = Beschäftigte im Betrieb
funding-q-employed = Sind Sie beschäftigt (ungekündigt)?
funding-q-unemployed_or_at_risk = Arbeitslos oder von Arbeitslosigkeit bedroht?
funding-q-has_vocational_qualification = Haben Sie einen Berufsabschluss?
funding-q-years_since_vocational_qualification = Vor wie vielen Jahren haben Sie ihn erworben?
funding-q-funded_82_in_last_two_years = In den letzten zwei Jahren schon nach § 82 SGB III gefördert?
funding-q-severely_disabled = Schwerbehindert?
funding-q-has_child = Haben Sie Kinder (kindergeldberechtigt)?
funding-q-residence_state = Bundesland des Wohnsitzes
funding-q-workplace_state = Bundesland des Arbeitsorts
funding-q-taxable_income_eur = Zu versteuerndes Jahreseinkommen (Euro)
funding-q-jointly_assessed = Gemeinsam mit Ehe- oder Lebenspartner:in veranlagt?
funding-q-job_affected_by_structural_change = Ist Ihr Arbeitsplatz vom Strukturwandel betroffen?
funding-q-company_agreement_on_qualification = Gibt es dazu eine Betriebsvereinbarung oder einen Tarifvertrag?
funding-q-share_of_staff_needing_qualification_pct = Anteil der Belegschaft mit diesem Qualifizierungsbedarf (%)
funding-rules-title = Förderregeln
funding-rules-intro = Die Regeln des Förderberaters als JSON: Programme mit Gültigkeit, Quelle, Voraussetzungen und Förderstufen. Beim Speichern wird alles geprüft; fehlerhafte Regeln werden nicht übernommen. Jede Fassung bleibt erhalten.
funding-rules-document = Regeln (JSON)
funding-rules-save = Regeln prüfen und speichern
funding-rules-versions = Gespeicherte Fassungen
funding-rules-shipped = Es gelten die mitgelieferten Regeln; noch keine eigene Fassung gespeichert.
funding-rules-problems = { $count ->
    [one] Ein Problem in den Regeln
   *[other] { $count } Probleme in den Regeln
}
offering-funding-link = Förderung für dieses Angebot prüfen
state-BW = Baden-Württemberg
state-BY = Bayern
state-BE = Berlin
state-BB = Brandenburg
state-HB = Bremen
state-HH = Hamburg
state-HE = Hessen
state-MV = Mecklenburg-Vorpommern
state-NI = Niedersachsen
state-NW = Nordrhein-Westfalen
state-RP = Rheinland-Pfalz
state-SL = Saarland
state-SN = Sachsen
state-ST = Sachsen-Anhalt
state-SH = Schleswig-Holstein
state-TH = Thüringen

## Gap report
gap-title = Bedarfslücken
gap-intro = Kompetenzen, die Beschäftigte in einem Landkreis brauchen, für die es aber kein erreichbares Angebot gibt: weder vor Ort im Umkreis von { $count } km um die Kreismitte noch online.
gap-csv = Als CSV herunterladen
gap-map-label = Offene Bedarfe ohne Angebot vor Ort je Landkreis
gap-map-title = { $district }: { $count } Kompetenzen ohne Angebot vor Ort
gap-legend-0 = keine Lücke
gap-legend-4 = 10 und mehr
gap-count = { $count ->
    [one] Eine Kompetenz mit Lücke
   *[other] { $count } Kompetenzen mit Lücke
}
gap-people-with-gap = Personen mit Bedarf
gap-near = Angebote vor Ort (bis { $count } km)
gap-online = Angebote online
gap-status = Bewertung
gap-status-gap = Lücke: kein Angebot
gap-status-online = nur online
gap-status-covered = abgedeckt

## Recommendations
recommend-title = Passende Weiterbildungen
recommend-intro = { $count ->
    [one] Für Ihre offene Lücke haben wir diese Angebote gefunden, die beste zuerst.
   *[other] Für Ihre { $count } offenen Lücken haben wir diese Angebote gefunden, die besten zuerst.
}
recommend-company-title = Weiterbildungen für Ihren Bedarf
recommend-company-intro = { $count ->
    [one] Für die wichtigste Lücke Ihres Betriebs passen diese Angebote am besten. Grundlage sind nur zusammengefasste Zahlen, keine Einzelantworten.
   *[other] Für die { $count } wichtigsten Lücken Ihres Betriebs passen diese Angebote am besten. Grundlage sind nur zusammengefasste Zahlen, keine Einzelantworten.
}
recommend-company-no-gaps = Noch keine Lücken, die sich zeigen lassen: Dafür braucht es Rollen mit Anforderungen und genug Einschätzungen Ihrer Beschäftigten.
recommend-company-link = Passende Weiterbildungen für diese Lücken
recommend-link = Passende Weiterbildungen finden
recommend-situation = Ihre Situation angeben (optional)
recommend-situation-hint = Damit passen die Vorschläge besser. Wir speichern diese Angaben nicht.
recommend-part-time = Ich brauche ein Angebot in Teilzeit oder berufsbegleitend
recommend-shift-work = Ich arbeite im Schichtdienst
recommend-no-evenings = Abends kann ich nicht
recommend-no-weekends = Am Wochenende kann ich nicht
recommend-max-km = Wie weit würden Sie fahren? (km)
recommend-max-km-hint = Standard: 50 km von Ihrem Betrieb oder Wohnort.
recommend-home = Postleitzahl Ihres Wohnorts
recommend-home-hint = Optional. Dann zählt der kürzere Weg von zu Hause oder vom Betrieb.
recommend-age-hint = Optional. Ab 45 Jahren übernimmt die Agentur für Arbeit oft die ganzen Kurskosten.
recommend-update = Vorschläge aktualisieren
recommend-none = Zurzeit gibt es kein Angebot, das eine Ihrer Lücken schließt. Die Koordinierungsstelle sieht solche Lücken und spricht Bildungsträger an.
recommend-no-gaps = Sie haben keine offenen Lücken – oder noch nicht alles eingeschätzt.
recommend-km-invalid = Bitte eine Entfernung zwischen 1 und 500 km angeben.

## Demand pooling
pooling-title = Bedarfe bündeln
pooling-intro = Offene Bedarfe von Beschäftigten aus mehreren Betrieben, nach Kompetenz, Niveau und Nähe zu möglichen Kursgruppen zusammengefasst. Bildungsträger können mit einem Angebot antworten; Betriebe melden sich mit der Zahl ihrer Plätze an.
pooling-privacy = { $count ->
   *[other] Jede Gruppe umfasst mindestens { $count } Personen aus mindestens zwei Betrieben; wer dazugehört, sieht niemand.
}
pooling-publish-title = Kursgruppen veröffentlichen
pooling-candidates = { $count ->
    [one] Aus den heutigen Bedarfen ergibt sich eine mögliche Kursgruppe.
   *[other] Aus den heutigen Bedarfen ergeben sich { $count } mögliche Kursgruppen.
}
pooling-publish = Aktuelle Kursgruppen veröffentlichen
pooling-count = { $count ->
    [one] Eine Kursgruppe
   *[other] { $count } Kursgruppen
}
pooling-none = Noch keine Kursgruppen veröffentlicht.
pooling-band-basics = Grundlagen
pooling-band-advanced = Fortgeschritten
pooling-people = { $count ->
    [one] eine Person
   *[other] { $count } Personen
}
pooling-companies = { $count ->
    [one] ein Betrieb
   *[other] { $count } Betriebe
}
pooling-other-districts = weitere Kreise
pooling-districts-withheld = Kreise nicht einzeln genannt (zu wenige Personen je Kreis)
pooling-no-answer = Noch kein Angebot.
pooling-seats-total = { $count ->
    [one] ein Platz angefragt
   *[other] { $count } Plätze angefragt
}
pooling-seats-for = Plätze für { $org }
pooling-opt-in = Plätze anmelden
pooling-answer-with = Mit diesem Angebot antworten
pooling-answer-message = Nachricht an die Betriebe (optional)
pooling-answer = Angebot machen
pooling-already-answered = Mit diesem Angebot haben Sie schon geantwortet.
pooling-seats-invalid = Bitte eine Zahl von 0 bis 100 angeben (0 zieht die Anmeldung zurück).

## Catalog search
search-title = Weiterbildungen finden
search-feed = Neue Angebote als Feed
search-words = Suchbegriffe
search-placeholder = z. B. Schweißen, SPS, Excel
search-plz = Postleitzahl
search-radius = Umkreis
search-sort = Sortieren nach
search-sort-relevance = Relevanz
search-sort-start = Beginn
search-sort-distance = Entfernung
search-submit = Suchen
search-include-online = auch Online-Angebote
search-funding = förderfähig
search-area = Kompetenzbereich
search-start = Beginn
search-count = { $count ->
    [0] Keine Angebote gefunden
    [one] Ein Angebot gefunden
   *[other] { $count } Angebote gefunden
}
search-none = Versuchen Sie andere Suchbegriffe, einen größeren Umkreis oder weniger Filter.
search-pages = Seiten
search-prev = Vorherige Seite
search-next = Nächste Seite
search-page-invalid = Diese Seite gibt es nicht.
search-radius-invalid = Bitte einen Umkreis zwischen 1 und 300 km wählen.
search-distance-needs-place = Nach Entfernung sortieren geht nur mit einer Postleitzahl.
price-band-free = kostenfrei
price-band-to-500 = bis 500 €
price-band-to-2000 = 500 bis 2.000 €
price-band-over-2000 = über 2.000 €
month-1 = Januar
month-2 = Februar
month-3 = März
month-4 = April
month-5 = Mai
month-6 = Juni
month-7 = Juli
month-8 = August
month-9 = September
month-10 = Oktober
month-11 = November
month-12 = Dezember

## Ideas: campaigns and their phases
ideas-schedule-empty = Bitte mindestens eine Phase mit Daten angeben.
ideas-schedule-ends-before-start = Eine Phase endet vor ihrem Beginn. Bitte die Daten prüfen.
ideas-schedule-order = Die Phasen folgen in dieser Reihenfolge aufeinander und überschneiden sich nicht: Einreichen, Diskussion, Bewertung, Jury, Ergebnisse, Umsetzung.
ideas-denied-login = Bitte melden Sie sich an, um mitzumachen.
ideas-denied-phase = Das ist in der jetzigen Phase der Kampagne nicht möglich.
ideas-denied-moderators = Das dürfen nur die Moderatorinnen und Moderatoren dieser Kampagne.
ideas-denied-jury = Das dürfen nur Mitglieder der Jury.
ideas-denied-author = Nur wer die Idee eingereicht hat, kann sie ändern.
nav-notifications = Benachrichtigungen
idea-status-new = Neu
idea-status-received = Eingegangen
idea-status-review = In Prüfung
idea-status-accepted = Angenommen
idea-status-working_group = In einer Arbeitsgruppe
idea-status-implemented = Umgesetzt
idea-status-not_pursued = Nicht weiterverfolgt
ideas-anonymous = Anonym
ideas-answer = Offizielle Antwort
ideas-answer-save = Antwort speichern
ideas-answer-text = Text der Antwort (Markdown)
ideas-campaign-edit = Kampagne bearbeiten
ideas-campaign-new = Neue Kampagne
ideas-campaign-org-required = Bitte wählen Sie den Betrieb, für den die Kampagne läuft.
ideas-campaign-section-lists = Kategorien und Jury
ideas-campaign-section-phases = Phasen
ideas-campaign-section-what = Worum es geht
ideas-campaigns = Kampagnen
ideas-campaigns-none = Noch keine Kampagnen.
ideas-categories = Kategorien
ideas-col-campaign = Kampagne
ideas-col-comments = Kommentare
ideas-col-date = Veröffentlicht
ideas-col-ideas = Ideen
ideas-col-rating = Bewertung
ideas-col-title = Idee
ideas-comment-edit = Kommentar bearbeiten
ideas-comment-edit-over = Kommentare können nur in den ersten 15 Minuten bearbeitet werden.
ideas-comment-hidden = Dieser Kommentar wurde ausgeblendet:
ideas-comment-hide = Ausblenden
ideas-comment-keep = Behalten
ideas-comment-label = Ihr Kommentar
ideas-comment-of = Kommentar von
ideas-comment-send = Kommentar senden
ideas-comments-n = { $count ->
    [0] Keine Kommentare
    [one] Ein Kommentar
   *[other] { $count } Kommentare
}
ideas-contact-hint = Ihre Nachricht wird mit Ihrem Namen und Ihrer E-Mail-Adresse weitergeleitet, damit die Ansprechperson Ihnen antworten kann.
ideas-contact-intro = Ihre Nachricht geht an { $name }, die regionale Ansprechperson für diese Idee.
ideas-contact-link = { $name } kontaktieren
ideas-contact-message = Nachricht
ideas-contact-person = Regionale Ansprechperson
ideas-contact-send = Nachricht senden
ideas-contact-title = Ansprechperson kontaktieren
ideas-count = { $count ->
    [0] Keine Ideen
    [one] Eine Idee
   *[other] { $count } Ideen
}
ideas-edit = Idee bearbeiten
ideas-edited = bearbeitet
ideas-export-csv = Export als CSV
ideas-export-xlsx = Export als Excel (XLSX)
ideas-feed = Neue Ideen als Feed (Atom)
ideas-filter-all = Alle
ideas-filter-apply = Filter anwenden
ideas-filter-campaign = Kampagne
ideas-filter-category = Kategorie
ideas-filter-lab = Ideenwerkstatt
ideas-filter-q = Suche im Titel
ideas-filter-reset = Filter zurücksetzen
ideas-filter-status = Status
ideas-filters = Ideen filtern
ideas-follow = Idee folgen
ideas-form-intro = Beschreiben Sie Ihre Idee. Sie können sie als Entwurf speichern und später veröffentlichen.
ideas-hidden-because = Diese Idee ist ausgeblendet. Begründung:
ideas-hide = Idee ausblenden
ideas-hide-reason = Begründung
ideas-hint-anonymous = Ihr Name wird öffentlich nicht gezeigt. Die Moderation kann sehen, wer die Idee eingereicht hat.
ideas-hint-anonymous-strict = Ihr Name wird niemandem gezeigt, auch nicht der Moderation.
ideas-hint-body = Sie können Markdown verwenden: **fett**, *kursiv*, Listen mit „-“.
ideas-hint-comment = Bitte bleiben Sie sachlich. Sie können Ihren Kommentar 15 Minuten lang bearbeiten.
ideas-hint-image = PNG, JPEG oder WebP, höchstens 2 MB.
ideas-hint-image-alt = Beschreiben Sie, was auf dem Bild zu sehen ist (für Menschen, die es nicht sehen können).
ideas-hint-org = Eine Kampagne eines Betriebs sehen nur dessen Beschäftigte.
ideas-hint-phases = Lassen Sie Phasen leer, die Ihre Kampagne nicht hat. Die Phasen folgen aufeinander und überschneiden sich nicht.
ideas-hint-place = Optional. Klicken Sie in die Karte, verschieben Sie die Karte mit den Pfeiltasten und übernehmen Sie die Kartenmitte, oder geben Sie Koordinaten oder eine Postleitzahl ein.
ideas-hint-postal-code = Wird nur genutzt, wenn keine Koordinaten angegeben sind.
ideas-image-alt-required = Bitte beschreiben Sie das Bild in einem kurzen Text.
ideas-image-type = Bitte laden Sie ein Bild als PNG, JPEG oder WebP hoch.
ideas-internal-note = nur für die Beschäftigten des Betriebs sichtbar
ideas-jurors = { $count ->
    [one] eine Jurorin oder ein Juror
   *[other] { $count } Jurymitglieder
}
ideas-jury-intro = Bewerten Sie jede Idee je Kriterium mit 0 bis { $count } Punkten. Leere Felder bleiben unverändert.
ideas-jury-nothing = Es gibt noch keine Ideen oder Kriterien zu bewerten.
ideas-jury-title = Jury
ideas-jury-unknown = Mindestens eine E-Mail-Adresse gehört zu keinem Konto auf der Plattform.
ideas-kind-company = Wettbewerb im Betrieb
ideas-kind-competition = Ideenwettbewerb
ideas-kind-labs = Reihe von Ideenwerkstätten
ideas-lab-add-idea = Idee aus dieser Werkstatt eintragen
ideas-lab-date = Datum
ideas-lab-ends-before-start = Das Ende liegt vor dem Beginn.
ideas-lab-from = Beginn
ideas-lab-new = Ideenwerkstatt eintragen
ideas-lab-on-map = Ideen dieser Werkstatt auf der Karte
ideas-lab-participants = Beteiligte Organisationen
ideas-lab-participants-hint = Eine Organisation pro Zeile.
ideas-lab-place = Ort
ideas-lab-to = Ende
ideas-lab-when = Wann
ideas-label-anonymous = Anonym veröffentlichen
ideas-label-body = Beschreibung
ideas-label-categories = Kategorien (eine pro Zeile)
ideas-label-contact = Regionale Ansprechperson
ideas-label-criteria = Kriterien der Jury (eines pro Zeile)
ideas-label-description = Beschreibung
ideas-label-image = Bild
ideas-label-image-alt = Bildbeschreibung
ideas-label-jury = Jury (E-Mail-Adressen, eine pro Zeile)
ideas-label-kind = Art
ideas-label-lat = Breitengrad
ideas-label-lon = Längengrad
ideas-label-moderators-see-authors = Die Moderation darf sehen, wer anonyme Ideen eingereicht hat
ideas-label-org = Wer veranstaltet
ideas-label-place = Ortsbeschreibung
ideas-label-postal-code = Postleitzahl
ideas-label-title = Titel
ideas-labs-intro = In halbtägigen Ideenwerkstätten entwickeln Betriebe, Beschäftigte und Partner Ideen vor Ort. Die Ergebnisse stehen auf der Ideenlandkarte.
ideas-labs-none = Noch keine Ideenwerkstätten.
ideas-labs-title = Ideenwerkstätten
ideas-login-to-take-part = Melden Sie sich an, um Ideen einzureichen, zu kommentieren und zu bewerten.
ideas-map-bounds-invalid = Der Kartenausschnitt ist ungültig.
ideas-map-ideas = Ideen
ideas-map-intro = Alle öffentlichen Ideen des Netzwerks auf einer Karte. Dieselben Ideen stehen in der Liste unter der Karte; die Filter gelten für beide.
ideas-map-label = Karte der Ideen
ideas-map-title = Ideenlandkarte
ideas-map-zoom-invalid = Die Zoomstufe muss zwischen 0 und 18 liegen.
ideas-mark-seen = Als gesichtet markieren
ideas-merge = Zusammenführen
ideas-merge-into = Doppelte Idee zusammenführen mit
ideas-merged-into = Diese Idee wurde zusammengeführt mit:
ideas-milestone-date = Datum
ideas-milestone-new = Meilenstein der Umsetzung
ideas-milestone-save = Meilenstein speichern
ideas-milestones = Umsetzung
ideas-moderation-intro = Neue Ideen, gemeldete Kommentare und Ideen ohne offizielle Antwort. Über jeden neuen Eintrag werden Sie benachrichtigt.
ideas-moderation-title = Moderation
ideas-more-in-district = weitere Ideen im Kreis
ideas-none = Keine Ideen gefunden.
ideas-not-published = Diese Idee ist nicht veröffentlicht.
ideas-notice-draft = Ihr Entwurf ist gespeichert. Nur Sie sehen ihn.
ideas-notice-published = Ihre Idee ist veröffentlicht. Sie folgen ihr und werden über Kommentare und Antworten benachrichtigt.
ideas-notice-rated = Danke für Ihre Bewertung.
ideas-notice-rating-changed = Ihre Bewertung wurde geändert. Jede Person hat eine Bewertung je Idee.
ideas-notice-reported = Danke, die Moderation prüft den Kommentar.
ideas-notice-reported-before = Sie haben diesen Kommentar bereits gemeldet.
ideas-notice-commented = Ihr Kommentar ist veröffentlicht.
ideas-notice-contacted = Ihre Nachricht wurde weitergeleitet.
ideas-now = Jetzt
ideas-org-company = Betrieb
ideas-org-network = Das ganze Netzwerk (öffentlich)
ideas-own = Ihre Entwürfe und ausgeblendeten Ideen
ideas-phase = Phase
ideas-phase-discussion = Diskussion
ideas-phase-from = von
ideas-phase-implementation = Umsetzung
ideas-phase-jury = Jury
ideas-phase-rating = Bewertung
ideas-phase-results = Ergebnisse
ideas-phase-submission = Einreichen
ideas-phase-to = bis
ideas-phases = Phasen
ideas-picker-centre = Kartenmitte als Ort übernehmen
ideas-picker-clear = Ort entfernen
ideas-picker-label = Karte zur Wahl des Orts: mit den Pfeiltasten verschieben, mit Plus und Minus zoomen
ideas-picker-set = Ort gesetzt:{" "}
ideas-points = Punkte
ideas-position = Ort
ideas-position-invalid = Bitte geben Sie Breiten- und Längengrad als Zahlen an, z. B. 51,5053 und 10,7912.
ideas-position-outside = Dieser Ort liegt in keinem deutschen Kreis.
ideas-progress = Fortschritt
ideas-progress-invalid = Der Fortschritt ist eine Zahl von 0 bis 100.
ideas-publish = Idee veröffentlichen
ideas-queue-empty = Nichts zu tun.
ideas-queue-new = { $count ->
    [0] Keine neuen Ideen
    [one] Eine neue Idee
   *[other] { $count } neue Ideen
}
ideas-queue-reported = { $count ->
    [0] Keine gemeldeten Kommentare
    [one] Ein gemeldeter Kommentar
   *[other] { $count } gemeldete Kommentare
}
ideas-queue-unanswered = { $count ->
    [0] Alle Ideen haben eine Antwort
    [one] Eine Idee ohne Antwort
   *[other] { $count } Ideen ohne Antwort
}
ideas-rate = Bewerten
ideas-rate-change = Bewertung ändern
ideas-rate-legend = Wie gut ist diese Idee?
ideas-rating = Bewertung
ideas-ratings-n = { $count ->
    [0] keine Bewertungen
    [one] eine Bewertung
   *[other] { $count } Bewertungen
}
ideas-reply = Antworten
ideas-reply-label = Ihre Antwort
ideas-report = Melden
ideas-report-reason = Warum melden Sie diesen Kommentar?
ideas-report-reasons = Gründe
ideas-report-send = Meldung senden
ideas-results = Ergebnisse der Jury
ideas-results-publish = Ergebnisse veröffentlichen
ideas-results-unpublished = noch nicht veröffentlicht
ideas-save-draft = Als Entwurf speichern
ideas-score-invalid = Punkte sind ganze Zahlen von 0 bis 10.
ideas-section-idea = Ihre Idee
ideas-section-more = Weitere Angaben
ideas-section-place = Ort auf der Karte
ideas-stage-announced = Angekündigt
ideas-stage-archived = Abgeschlossen
ideas-stars = { $count ->
    [one] 1 Stern
   *[other] { $count } Sterne
}
ideas-stars-invalid = Bitte wählen Sie 1 bis 5 Sterne.
ideas-state-draft = Entwurf
ideas-state-hidden = Ausgeblendet
ideas-state-merged = Zusammengeführt
ideas-state-published = Veröffentlicht
ideas-submit = Idee einreichen
ideas-time-invalid = Bitte eine Uhrzeit wie 09:00 angeben.
ideas-unfollow = Nicht mehr folgen
ideas-unhide = Wieder einblenden
notify-mail-legend = Per E-Mail benachrichtigen
notify-mark-read = Alle als gelesen markieren
notify-none = Keine Benachrichtigungen.
notify-pref-digest = Einmal täglich als Zusammenfassung
notify-pref-instant = Sofort bei jedem Ereignis
notify-pref-none = Gar nicht (nur hier auf der Plattform)
notify-title = Benachrichtigungen
notify-unread = ungelesen

## How figures about people are protected
figures-altered = Die Zahlen sind leicht verändert, damit niemand erkennbar wird; Summen können deshalb von der Summe ihrer Teile abweichen.
figures-how = So schützen wir die Zahlen
figures-as-of = Stand: { $date }
protect-lead = Betriebe, Koordination und Öffentlichkeit sehen Zahlen über Beschäftigte nur für Gruppen, nie für einzelne Personen. Diese Seite erklärt, wie das Netzwerk dafür sorgt – auch gegen jemanden, der es darauf anlegt.
protect-settings = Einstellungen dieses Netzwerks
protect-k = Kleinste Gruppe, über die eine Zahl gezeigt wird
protect-noise = Größte Veränderung einer Zahl
protect-noise-value = { $count ->
    [0] keine (Zahlen werden nicht verändert)
    [one] höchstens eine Person
   *[other] höchstens { $count } Personen
}
protect-mean = Durchschnittliche Abweichung einer Zahl (Personen)
protect-rules = Die Regeln
protect-rule-small = Keine kleinen Gruppen.
protect-rule-small-text = { $count ->
    [one] Jede Zahl steht für mindestens eine Person.
   *[other] Eine Zahl wird nur gezeigt, wenn sie mindestens { $count } Personen betrifft – in der Region zusätzlich aus mindestens zwei Betrieben.
}
protect-rule-derive = Nichts zum Nachrechnen.
protect-rule-derive-text = Wer eine Gesamtzahl nimmt und alle gezeigten Teile abzieht – nach Kreis, Branche, Betriebsgröße oder beidem –, erhält nie eine kleine Gruppe. Wo das möglich wäre, blenden wir weitere Zahlen aus, und zwar in allen Ansichten gleich.
protect-rule-noise = Leicht veränderte Zahlen.
protect-rule-noise-text = { $count ->
    [0] In diesem Netzwerk werden Zahlen nicht verändert.
   *[other] Jede Zahl wird um eine kleine Zahl verändert (höchstens { $count }). Die Veränderung hängt nur davon ab, welche Personen in der Gruppe sind: Dieselbe Gruppe ergibt immer dieselbe Zahl, auch wenn man tausendmal fragt. Zwei Gruppen, die sich um eine Person unterscheiden, erhalten voneinander unabhängige Veränderungen – wer die Zahlen voneinander abzieht, erfährt nichts Sicheres über diese Person.
}
protect-rule-groups = Gruppen, die ein Betrieb selbst bildet.
protect-rule-groups-text = { $count ->
    [one] Rollen und Teams legt der Betrieb selbst fest.
   *[other] Rollen und Teams legt der Betrieb selbst fest. Damit niemand Personen einzeln in eine Rolle verschiebt und die Zahlen vergleicht, zeigen wir eine Zahl über eine Gruppe nur, wenn sie einer schon gezeigten Gruppe gleicht oder sich von jeder schon gezeigten um mindestens { $count } Personen unterscheidet.
}
protect-rule-sensitive = Besonders geschützte Kompetenzen.
protect-rule-sensitive-text = Bei Grundkompetenzen wie Lesen und Schreiben zeigen wir keine Gruppe, in der alle eine Lücke haben – das wäre eine Aussage über jede einzelne Person.
protect-rule-day = Ein Stand pro Tag.
protect-rule-day-text = Die Zahlen für die Region werden einmal am Tag berechnet. Wer heute eine Einschätzung abgibt, findet sie morgen in den regionalen Zahlen.
protect-means = Was das für Sie bedeutet
protect-means-individual = Ihre eigenen Einschätzungen sieht Ihr Betrieb nur, wenn Sie zustimmen – und nur die Personen, die in der Zustimmung genannt sind. Jeder Blick darauf wird protokolliert, und Sie sehen das Protokoll auf „Meine Kompetenzen“.
protect-means-who = Auch Administratorinnen und Administratoren der Plattform sehen keine Einzelangaben, sondern dieselben geschützten Zahlen.
label-noise-range = Größte Veränderung veröffentlichter Zahlen (Personen)
noise-range-hint = Eine ganze Zahl von 0 bis 5; empfohlen sind 2. Mit 0 werden Zahlen nicht verändert, dann schützen nur Mindestgröße und Ausblenden.
noise-range-invalid = Bitte geben Sie eine ganze Zahl von 0 bis 5 ein.
password-common = Dieses Passwort gehört zu denen, die viele Menschen wählen, und wird als Erstes ausprobiert. Bitte wählen Sie ein anderes, zum Beispiel einen kurzen Satz aus ungewöhnlichen Wörtern.
password-weak = Dieses Passwort ist leicht zu erraten (ein bekanntes Muster, eine Wiederholung, ein Datum oder Ihr Name). Bitte wählen Sie ein anderes, zum Beispiel einen kurzen Satz aus ungewöhnlichen Wörtern.
password-current-wrong = Das bisherige Passwort stimmt nicht.
label-current-password = Bisheriges Passwort
security-title = Passwort und Sitzungen
security-password = Passwort ändern
security-change-password = Passwort ändern
security-sessions = Angemeldete Geräte
security-sessions-intro = Hier sehen Sie, wo Sie gerade angemeldet sind. Eine Anmeldung endet nach einer Stunde ohne Aktivität und spätestens nach zwölf Stunden. Wenn Sie ein Gerät nicht kennen, melden Sie es ab und ändern Sie Ihr Passwort.
security-device = Gerät
security-device-unknown = Unbekanntes Gerät
security-started = Angemeldet seit
security-last-seen = Zuletzt aktiv
security-this-session = dieses Gerät
security-end-session = Abmelden
security-end-others = Alle anderen Geräte abmelden
notice-password-updated = Ihr Passwort ist geändert. Alle anderen Geräte wurden abgemeldet.
notice-sessions-ended = Die Geräte wurden abgemeldet.
mail-password-changed-subject = Ihr Passwort wurde geändert
mail-password-changed-body =
    Guten Tag { $name },

    das Passwort Ihres Kontos bei Lernregion wurde soeben geändert, und alle anderen Geräte wurden abgemeldet.

    Waren Sie das nicht selbst? Dann setzen Sie Ihr Passwort sofort neu: { $link }

    Viele Grüße
    Ihre Lernregion

## Start page
nav-start = Start
start-title = Meine Startseite
start-intro = Hier sehen Sie, was für Sie ansteht, und finden den Weg in Ihre Netzwerke.
start-tasks = Für Sie zu tun
start-no-tasks = Gerade steht nichts für Sie an.
start-task-assess =
    { $count ->
        [one] Bei { $org } ist noch 1 Kompetenz selbst einzuschätzen.
       *[other] Bei { $org } sind noch { $count } Kompetenzen selbst einzuschätzen.
    }
start-task-applications =
    { $count ->
        [one] { $network }: 1 Aufnahmeantrag wartet auf Ihre Entscheidung.
       *[other] { $network }: { $count } Aufnahmeanträge warten auf Ihre Entscheidung.
    }
start-task-notifications =
    { $count ->
        [one] 1 ungelesene Benachrichtigung
       *[other] { $count } ungelesene Benachrichtigungen
    }
start-orgs = Ihre Organisationen
start-org-needs = Weiterbildungsbedarf
start-org-offerings = Angebote verwalten
start-networks = Ihre Netzwerke
start-network-home = Netzwerkseite
start-network-catalog = Weiterbildungen finden
start-network-ideas = Ideenlandkarte
start-network-coordination = Koordination

coordination-tools = Werkzeuge der Koordination
coordination-labs = Ideenwerkstätten
coordination-protection = Schutz der Zahlen über Personen
start-discover = Netzwerke in Ihrer Nähe
start-discover-intro = Sie gehören noch zu keinem Netzwerk. Auf der Seite eines Netzwerks sehen Sie seine Partner und Angebote und können Ihre Organisation anmelden.
