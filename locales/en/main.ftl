# Lernregion – English texts.
# Every key must also be in locales/de/main.ftl (German is the default).
# Keep texts for employees plain and short.

## Page frame and navigation

skip-to-content = Skip to main content
nav-main = Main navigation
nav-networks = Networks
nav-my-orgs = My organisations
nav-outbox = Outbox
nav-account = My account
nav-logout = Log out
nav-login = Log in
nav-register = Create account
# Shown on the link to the other language, so it is written in that language.
switch-language = Deutsch
nav-data-sources = Data sources and licences
nav-api = Interface (API)
footer-tagline = Lernregion – free software for regional continuing-education networks
back-home = Back to the home page

## General buttons and labels

save = Save
add = Add
continue = Continue
actions = Actions
choose = Please choose
choose-none = Not specified
filter-all = All
filter-apply = Apply filters
filter-reset = Reset filters
# Button that removes an entry (location, contact person).
delete-named = Remove “{ $name }”

## Form fields

label-display-name = Your name
label-email = E-mail address
label-password = Password
label-new-password = New password
label-password-confirm = Repeat password
hint-password = At least 12 characters. Easy to remember and secure: a sentence of several words that do not belong together.
label-name = Name
label-role = Role
label-role-title = Job title, e.g. Head of HR
label-org-name = Name of the organisation
label-kind = Type of organisation
label-sector = Sector
label-size = Company size
label-description = Description
label-street = Street and number
label-postal-code = Postcode
hint-postal-code = 5 digits. We use it to find the district and the position on the map.
label-city = Town or city
label-website = Website
label-org-email = Organisation’s e-mail address
label-phone = Phone
label-address = Address
label-location-label = Name, e.g. “Plant 2” or “Training centre”
label-contact-public = Show on the public partner page
label-application-text = Message to the coordination office (optional)
label-decision-message = Message to the organisation (required when declining)
label-invitation-code = Invitation code
hint-invitation-code = The code has 8 characters, e.g. ABCD-2345. Capital letters, spaces and hyphens do not matter.
label-invitation-note = Note (optional)
hint-invitation-note = For example, who the invitation is for. Only your organisation’s administrators can see the note.
label-token-name = Name

## Errors next to form fields

error-summary-title = Please check your entries
error-prefix = Error:
field-required = Please fill in this field.
field-too-long = This text is too long. Please shorten it.
field-type-invalid = This value has the wrong form (for example a number where text is expected).
email-invalid = Please enter a valid e-mail address, e.g. name@example.com.
password-too-short = The password must be at least 12 characters long.
password-mismatch = The two passwords do not match.
login-failed = The e-mail address or password is wrong.
login-throttled = Too many failed attempts. Please wait a quarter of an hour or reset your password.
login-unconfirmed = Please confirm your e-mail address first. We have sent you a link for this by e-mail.
choice-invalid = Please choose an option from the list.
sector-invalid = We do not know this sector. Please choose one from the list.
website-invalid = Please enter a valid web address, e.g. www.example.com.
phone-invalid = Please use only digits, spaces and the characters + - / ( ).
postal-code-invalid = A postcode has 5 digits.
postal-code-unknown = We cannot find this postcode. Please check it.
district-not-in-network = This district is not part of the network.
already-applied = This organisation is already a partner in this network or has already applied.
decline-needs-message = Please say briefly why you are declining the application. The organisation will receive this message.
invitation-invalid = This code is not valid, has expired or has already been used. Please ask for a new code.

## Error pages (also the messages of the API)

error-title-not-found = Page not found
error-title-forbidden = Access denied
error-title-internal = Something went wrong
error-title-request = That did not work
error-not-found = This page does not exist (any more). The link may be out of date or mistyped.
error-forbidden = You do not have permission to see this page. If you have not confirmed your e-mail address yet, please do that first. Otherwise, contact your organisation’s administrators or the coordination office.
error-unauthorized = Please log in. For the API you need a valid API token.
error-csrf = The form has expired. Please reload the page and try again.
error-validation = Some of the information is not valid. Please check it.
error-too-many = Too many attempts in a short time. Please wait a few minutes and try again.
error-internal = Something went wrong on our side. Please try again later.
search-starting = The course search is being built after a restart. Please try again in a minute.
regional-figures-preparing = The figures on training needs are being computed. Please try again in a minute.
error-title-unavailable = Back in a moment
error-too-large = The data sent is too large.
error-bad-request = The address or the data sent is incomplete or has the wrong format. Please go back and try again.
error-method = This action is not possible at this address.
error-json-invalid = The request body is not valid JSON or does not have the expected format.
error-reference = Error reference: { $reference }. Please quote it if you report the problem to us.

## Confirmations after an action

notice-confirmed = Your e-mail address is confirmed. You can log in now.
notice-logged-out = You have been logged out.
notice-link-invalid = This link is no longer valid. You can request a new one with “Forgotten your password?”.
notice-password-changed = Your password has been changed. Please log in with your new password.
notice-saved = Saved.
notice-deleted = The entry has been removed.
notice-joined = Welcome! You are now part of this organisation.
notice-applied = Your application has been received. The coordination office will review it and get back to you by e-mail.
notice-decided = The decision has been saved. The person who applied will receive an e-mail.

## Log in, create account, password

login-title = Log in
login-submit = Log in
forgot-link = Forgotten your password?
register-link = No account yet? Create one
invitation-code-link = I have an invitation code
register-title = Create an account
register-intro = With an account you can register your organisation with a network, accept invitations and manage your details. All you need is an e-mail address.
register-submit = Create account
register-have-account = Already have an account?
check-mail-title = Please check your e-mail
check-mail-body = Please look in the inbox of { $email }. Within a few minutes you will find an e-mail from us with a link. Open the link to continue.
check-mail-hint = No e-mail? Check your spam folder too, and check that the address is spelt correctly.
resend-link = Request a new confirmation link
resend-title = Resend confirmation link
resend-intro = Enter the e-mail address you registered with. We will send you a new link to confirm it.
forgot-title = Forgotten password
forgot-intro = Enter your e-mail address. We will send you a link to choose a new password.
send-link-submit = Send link
reset-title = Choose a new password
reset-submit = Save password
confirm-failed-title = Confirmation not possible
confirm-failed = This confirmation link is not valid, has expired or has already been used. Simply request a new one.

## Account and API tokens

account-title = My account
account-orgs = My organisations
account-no-orgs = You do not belong to an organisation yet. With an invitation code you can join one. Or register your organisation with a network.
account-network-roles = My roles in networks
account-more = More
tokens-title = API tokens
tokens-intro = With an API token, programs can change data through the API on your behalf, for example your organisation’s profile. Do not share tokens, and revoke a token as soon as you no longer need it.
tokens-created = Your new API token. Copy it now – it is shown only this once.
tokens-created-at = Created
tokens-last-used = Last used
tokens-revoke = Revoke “{ $name }”
tokens-new = Create a new API token
tokens-create = Create token

## Interface (API)

api-docs-title = Interface (API)
api-docs-intro = Through the API, programs can fetch networks, districts and organisations as JSON. Public data can be read without logging in; to change data you need an API token. The full description in OpenAPI format:
api-method = Method
api-path = Path
api-summary = Description
api-auth = Authentication
api-token-needed = API token required

## Home page and networks

home-title = Continuing education in your region
home-intro = Lernregion connects companies, employees, education providers and other partners in regional continuing-education networks. Find your network and the partners near you.
home-networks = Networks
home-no-networks = There are no networks here yet.
partners-count =
    { $count ->
        [0] No partners yet
        [one] 1 partner
       *[other] { $count } partners
    }
districts-count =
    { $count ->
        [one] 1 district
       *[other] { $count } districts
    }
pending-count =
    { $count ->
        [one] 1 open application
       *[other] { $count } open applications
    }
network-partners-link = All partners
network-map-link = Show partners on the map
network-apply-link = Join as a partner
network-contact = Contact
network-districts = Districts in the network

## Districts

district = District
district-kind = Type
district-population = Population
district-density = Inhabitants per km²
district-urban-rural = Urban or rural
district-partners = Partners
urban-rural-urban = predominantly urban
urban-rural-intermediate = intermediate (partly urban, partly rural)
urban-rural-rural = predominantly rural
urban-rural-unknown = not known

## Partner directory, partner page and map

directory-title = Partner directory
directory-filters = Filter partners
directory-search = Name of the organisation
directory-empty = No partners match your selection. Try fewer filters.
partners-found =
    { $count ->
        [0] No partners found
        [one] 1 partner found
       *[other] { $count } partners found
    }
partner-edit = Edit details
partner-facts = At a glance
partner-map-label = Map: location in { $place }
map-title = Network map
map-intro = The map shows the network’s districts and its partners. You will also find all of this information in the tables below the map.
map-region-label = Map of districts and partners
map-layer-partners = Partners
map-partner-list = All partners as a list

## Types of organisation

kind-company = Company
kind-provider = Education provider
kind-chamber = Chamber
kind-union = Union
kind-vocational_college = Vocational college
kind-university = University
kind-public_body = Public body
kind-association = Association
kind-other = Other organisation

## Company size (employees; thresholds of the EU definition of SMEs)

size-micro = Micro enterprise (fewer than 10 employees)
size-small = Small enterprise (10–49 employees)
size-medium = Medium-sized enterprise (50–249 employees)
size-large = Large enterprise (250 or more employees)

## Roles

org-role-admin = Administrator
org-role-member = Member
org-role-employee = Employee
network-role-coordinator = Coordinator
network-role-ambassador = Ambassador
network-role-multiplier = Multiplier
network-role-coach = Coach

## Joining a network

apply-title = Apply to join
apply-title-network = Apply to join { $network }
apply-intro = Register your organisation as a partner in the network. The coordination office will review the application and get back to you by e-mail. Your organisation appears in the partner directory only once it has been accepted.
apply-which-org = Which organisation are you applying for?
apply-new-org = Register a new organisation
apply-profile = About the organisation
apply-profile-hint = Only needed if you register a new organisation. Once accepted, these details are public in the partner directory.
apply-submit = Send application
membership-pending = Application under review
membership-approved = Accepted
membership-declined = Declined

## Coordination office

coordination-title = Coordination office
applications-title = Open applications
applications-none = There are no open applications at the moment.
applications-by = Submitted by
decision-approve = Accept { $org }
decision-decline = Decline { $org }

## My organisations

my-orgs-title = My organisations
my-orgs-join = Join a network
org-nav = Organisation administration
org-overview = Overview
org-profile = Profile
org-memberships = Network memberships
org-no-memberships = This organisation is not in any network yet.
org-decision-message = Message from the coordination office
org-public-page = Public page
locations-title = Locations
locations-none = No further locations have been added yet.
locations-add = Add a location
contacts-title = Contact persons
contacts-none = No contact persons have been added yet.
contacts-internal = visible internally only
contacts-add = Add a contact person
people-title = People
people-members = People in this organisation

## Invitations

invitations-open = Open invitations
invitations-none = There are no open invitations.
invitations-until = valid until
invitations-revoke = Revoke
invitations-new = Invite someone
invitations-intro = You will get a code and a link. Pass both on to the person, for example by e-mail, messenger or on a notice board. An invitation is valid for 30 days and for one person. Only administrators can edit the profile and invite people.
invitations-create = Create invitation
invitation-created = The invitation has been created. Note down the code or the link now – they are shown only this once.
invitation-code = Invitation code
invitation-link = Invitation link
invitation-title = Invitation
invitation-code-intro = Have you received an invitation code from your organisation? Enter it here.
invitation-to = { $org } has invited you
invitation-role = Your role: { $role }
invitation-accept = Accept invitation
invitation-need-account = To accept the invitation, please log in. No account yet? Then create one first and open this link again afterwards.

## Outbox

outbox-title = Outbox
outbox-intro-offline = No mail server is set up for this installation. That is why e-mails are not sent but collected here. They contain personal links, for example for resetting passwords – please treat them as confidential.
outbox-intro-smtp = E-mails are sent through the configured mail server. Here you can see which e-mail went to whom and when, and whether delivery failed. The contents are not shown because they contain personal links.
outbox-scope = You see mail to yourself and mail about the shared work of the networks you coordinate (applications to join, pooled needs). Notifications to other people and account mail are visible to platform administrators only.
outbox-empty = No e-mails have been sent yet.
outbox-sensitive-hidden = This mail holds a personal link (confirmation or new password); only platform administrators can read it.
outbox-to = To:
outbox-failed = Delivery failed

## Data sources

data-sources-title = Data sources and licences
data-sources-intro = Lernregion uses open data from public bodies. This page shows where the data comes from and under which licence.
data-sources-what = Data
data-sources-source = Source
data-sources-licence = Licence and attribution
data-sources-boundaries = District boundaries (for the map)
data-sources-districts =
    { $count ->
        [one] 1 district or independent city with population and area
       *[other] { $count } districts and independent cities with population and area
    }
data-sources-typology = Urban–rural typology of the districts
data-sources-postal =
    { $count ->
        [one] 1 postcode with place and position
       *[other] { $count } postcodes with place and position
    }
data-sources-sectors =
    { $count ->
        [one] 1 economic sector (WZ 2008)
       *[other] { $count } economic sectors (WZ 2008)
    }
data-sources-changes = Our changes: the district boundaries are simplified so that the map loads quickly. Districts that were merged after a source was published (such as Eisenach and Wartburgkreis in 2021) have been combined.
data-sources-software = Included software

## E-mails (plain text)

mail-confirm-subject = Please confirm your e-mail address
mail-confirm-body =
    Hello { $name },

    You have created an account on Lernregion. Please confirm your e-mail address by opening this link:

    { $link }

    The link is valid for 48 hours.

    Did you not register? Then someone entered your address by mistake. You do not need to do anything: without confirmation the account will not become active.

    Kind regards
    Your Lernregion
mail-already-registered-subject = You already have an account
mail-already-registered-body =
    Hello { $name },

    Someone has just tried to create a new Lernregion account with your e-mail address. But you already have an account.

    Was it you, and have you forgotten your password? You can choose a new one here:

    { $link }

    If it was not you, you do not need to do anything. Your account stays as it is.

    Kind regards
    Your Lernregion
mail-reset-subject = Choose a new password
mail-reset-body =
    Hello { $name },

    A new password has been requested for your Lernregion account. Use this link to choose it:

    { $link }

    The link is valid for 2 hours and works only once.

    Did you not request a new password? Then you can simply delete this e-mail. Your current password stays valid.

    Kind regards
    Your Lernregion
mail-approved-subject = Your application has been accepted
mail-approved-body =
    Hello,

    The coordination office of { $network } has accepted the application from { $org }. { $org } is now a partner in the network.

    Message from the coordination office:
    { $message }

    This is your page in the partner directory:
    { $link }

    Did you not apply? Then please contact the coordination office.

    Kind regards
    Your Lernregion
mail-declined-subject = Your application has been declined
mail-declined-body =
    Hello,

    We are sorry: the coordination office of { $network } has declined the application from { $org }.

    Reason:
    { $message }

    If you have any questions, please contact the coordination office. You can apply again later.

    Did you not apply? Then you can delete this e-mail.

    Kind regards
    Your Lernregion
mail-new-application-subject = New application to join
mail-new-application-body =
    Hello,

    An organisation would like to become a partner in the network { $network }. Please review the application and decide on it:

    { $link }

    This e-mail goes to the network’s contact address. If you are no longer responsible, please forward it to the coordination office.

    Kind regards
    Your Lernregion

## Map controls
map-districts-attribution = District boundaries: © GeoBasis-DE / BKG 2016 (data modified)
map-close = Close
map-zoom-in = Zoom in
map-zoom-out = Zoom out

## Competence framework
cancel = Cancel
edit-named = Edit { $name }
framework-title = Competence framework
framework-intro = The competence framework describes which competences matter in the network and the five levels at which one can master them. Companies describe their needs with it, employees assess themselves with it, education providers map their courses to it.
framework-empty = No competence framework has been set up for this network yet.
framework-adopt = Adopt the Industrie/Arbeit 4.0 framework
framework-import = Import competences
framework-new = New competence
framework-export = Download as CSV
framework-count = { $count ->
    [one] 1 competence
   *[other] { $count } competences
}
framework-levels = The five levels
framework-level = Level
framework-areas = Areas
framework-area = Area
framework-retired = no longer offered
framework-retire = No longer offer it (kept for earlier assessments)
framework-dqr = DQR level
framework-code = Short identifier
hint-framework-code = Lower-case letters, digits and underscores, e.g. cnc_milling_5axis. It stays the same when the name changes.
framework-name-de = Name (German)
framework-name-en = Name (English)
framework-description-de = Description for HR and trainers (German)
framework-description-en = Description for HR and trainers (English)
framework-plain-de = Plain description for employees (German)
framework-plain-en = Plain description for employees (English)
hint-framework-dqr = Typical DQR level or a range, e.g. 4 or 3-4. Leave empty if it does not fit.
framework-technologies = Technologies that call for this competence
notice-framework-adopted = The Industrie/Arbeit 4.0 framework has been adopted. You can now adapt it.
import-intro = Upload a CSV file; it is saved only as a whole. The Lernregion format has the columns area_code, area_de, area_en, code, name_de, name_en, description_de, description_en, plain_de, plain_en, dqr_hint and technologies (as in the export). From ESCO you can use the "skills" file of one language. Matching identifiers are updated, new ones created; nothing is deleted.
import-format = File format
import-format-own = Lernregion format (as exported)
import-format-esco-de = ESCO skills, German file
import-format-esco-en = ESCO skills, English file
import-file = CSV file
import-submit = Import
import-created = { $count ->
    [one] 1 competence created.
   *[other] { $count } competences created.
}
import-updated = { $count ->
    [one] 1 competence updated.
   *[other] { $count } competences updated.
}
import-row-errors = { $count ->
    [one] 1 problem in the file
   *[other] { $count } problems in the file
}
import-nothing-saved = Nothing has been saved. Correct the rows listed and upload the file again.
import-line = Line
import-problem = Problem
import-value = Value
upload-failed = The file could not be read. Please try again.
upload-too-large = The file is too large (2 MB at most).
upload-not-utf8 = The file is not saved as UTF-8. Save it from your spreadsheet as "CSV UTF-8".
upload-empty = Please choose a file.
upload-unusable = The file does not have the expected format.
csv-unreadable = This line is not valid CSV.
csv-missing-column = This column is missing from the header:
csv-code-invalid = The identifier may hold only lower-case letters, digits and underscores and must start with a letter.
csv-code-duplicate = This identifier appears more than once.
csv-value-missing = A required value is missing here:
csv-value-too-long = This value is too long:
csv-technology-unknown = This technology is unknown:
csv-dqr-invalid = The DQR level must be a number from 1 to 8 or a range such as 3-4.
esco-uri-invalid = This is not an ESCO skill URI:
esco-type-skipped = This ESCO type is not a competence and was skipped:
level-invalid = The level must be a number from 0 to 4.
assessment-not-pending = Your current round does not ask for this competence: your role does not require it, or you have assessed it since the round began. A new round asks for all of them again.
date-invalid = Please enter a date as YYYY-MM-DD.
technology-robotics = Robotics
technology-cobot = Collaborative robots (cobots)
technology-cnc = CNC machines
technology-plc = Control technology (PLC)
technology-additive = 3D printing / additive manufacturing
technology-ai = Artificial intelligence
technology-data = Data and analytics
technology-cloud = Cloud services
technology-mes = Manufacturing execution (MES)
technology-erp = Business software (ERP)
technology-iot = Connected machines (IoT)
technology-cybersecurity = IT security
technology-e_mobility = Electric mobility
technology-energy = Energy and efficiency
technology-welding = Welding
technology-cad = Design (CAD)
technology-cam = Manufacturing planning (CAM)
technology-vr_ar = Virtual and augmented reality
technology-digital_learning = Digital learning
technology-logistics = Logistics and warehousing

## Needs analysis
needs-title = Competence needs
needs-intro = Describe where your company is heading: which roles there are, which competences they need and which changes are coming. The analysis shows only aggregated figures; individual answers are visible only when the person agrees.
needs-priorities = Largest gaps
needs-no-priorities = No gaps visible yet – requirements or assessments are missing, or the groups are still too small.
needs-competence = Competence
needs-people-with-gap = People with a gap
needs-due = Due
needs-due-now = now
needs-heat = Roles and competences
needs-heat-intro = { $count ->
    [one] Each figure stands for at least one person.
   *[other] Each figure stands for at least { $count } people; smaller groups are not shown.
}
needs-heat-empty = Create roles with requirements and assign employees; the overview appears here.
needs-heat-legend = "2/6" means: about 2 of about 6 assessed people have a gap here. Ø is the average number of missing levels. ◌ means: no figure, because the group is too small, because it could be worked out from other figures, or because the group has changed by too few people since it was last shown.
needs-hidden = no figure, to protect individuals
needs-total = Total
needs-roles = Roles
needs-no-roles = No roles yet.
needs-role-people = { $count ->
    [one] 1 person
   *[other] { $count } people
}
needs-new-role = New role
needs-role-name = Name of the role
hint-role-name = For example machine operator, maintenance technician, production planner.
role-name-taken = A role with this name exists already.
needs-changes = Planned changes
needs-changes-intro = A change, such as a new robot cell, raises requirements from a date. This shows what has to be learned by when.
needs-no-changes = No changes entered yet.
needs-new-change = New change
needs-change-title = What changes?
hint-change-title = For example "robot welding cell from Q3 2027".
needs-change-reason = Why, and for whom?
needs-change-technology = Technology
needs-change-date = From when?
hint-date = Date as YYYY-MM-DD.
date-in-past = The date lies in the past.
needs-people = Employees
needs-people-intro = Assign each person a role and their manager. Individual assessments are seen only by the HR admins and the person's own manager, and only if the person has allowed it.
needs-people-intro-member = Individual assessments are seen only by the HR admins and a person's own manager, and only with their consent. A name is a link only if the person has allowed it to you as their manager.
needs-role = Role
needs-role-of = Role of { $name }
needs-manager = Manager
needs-manager-of = Manager of { $name }
needs-manager-not-covered = The person's consent does not name this manager yet. They see nothing until the person consents again.
manager-invalid = Please choose a manager from the list: someone with the admin or member role in this company, not the person themself.
needs-consent = Sharing
needs-consent-shares = shares their assessment
needs-consent-private = aggregated only
role-requirements = Requirements of this role
role-no-requirements = No requirements yet.
role-level = Level
role-importance = Importance
role-when = From when
role-add-requirement = Add a requirement
importance-low = nice to have
importance-medium = important
importance-high = critical
level-0 = 0 – no knowledge
level-1 = 1 – knows the basics
level-2 = 2 – applies with guidance
level-3 = 3 – applies independently
level-4 = 4 – expert, can teach others
source-self = Self-assessment
source-manager = Manager's assessment
employee-audit-note = Every visit to this page is logged; the person sees in the log who read their data and when.
employee-profile = Target and actual
employee-no-role = This person has no role with requirements yet.
employee-history = All assessments
employee-not-shared = This person does not share their individual answers. You see only the aggregated figures.
employee-assess = Add an assessment
profile-target = Target
profile-actual = Actual
profile-gap = Gap
profile-stale = outdated
profile-date = Date
profile-source = Source
profile-from = from
profile-to = to
me-title = My competences
me-intro = Assess what you can already do. It takes a few minutes and works on a phone too. You decide whether your company may see your individual answers.
me-no-org = You do not belong to a company yet. With an invitation code from your company you can join.
me-no-role = Your company has not assigned you a role yet. Once it has, you can assess yourself here.
me-progress = { $count ->
    [one] 1 competence assessed
   *[other] { $count } competences assessed
}
me-of-total = { $count ->
    [one] of 1.
   *[other] of { $count }.
}
me-progress-label = Progress of the self-assessment
me-start = Start the self-assessment
me-continue = Continue
me-review = View the assessment
me-restart = Assess again
me-next = What I could learn next
me-no-gaps = According to your answers you meet every requirement of your role. Well done!
me-to-assess = { $count ->
    [one] 1 competence is not assessed yet (or no longer up to date).
   *[other] { $count } competences are not assessed yet (or no longer up to date).
}
me-profile = My whole profile
me-consent = Who may see my answers?
me-consent-audience = If you agree, your individual answers are seen only by the HR admins of { $org } ({ $admins }). No manager is entered for you.
me-consent-audience-manager = If you agree, your individual answers are seen only by the HR admins of { $org } ({ $admins }) and your manager { $manager }.
me-consent-no-admins = nobody entered at the moment
me-consent-nobody-else = Nobody else: colleagues, including the works council, see at most figures about groups. If you get a new manager, they see nothing until you agree here again. Every look at your answers is listed in the log below.
me-consent-renew = Your manager is now { $manager }. { $manager } will not see your answers until you agree here again and save. Until then your consent covers only the HR admins.
consent-manager-changed = Your manager has been changed in the meantime. Please read again under "My competences" who would see your answers, then save again.
me-consent-share = My company may see my individual answers – only the people named above.
me-consent-assess = The people named above may add their own assessment.
me-consent-hint = Without your consent your company sees only figures about groups of at least five people. You can change this at any time.
me-audit = Who has read my data?
me-audit-none = Nobody but you.
me-audit-who = Who
me-audit-what = What
audit-read-individual = viewed your assessments
audit-manager-assessment = added an assessment
me-data = My data
me-export = Download all my competence data (JSON)
me-delete-confirm = Yes, I want to delete all my assessments.
me-delete = Delete assessments
delete-confirm-needed = Please confirm the deletion with the tick box.
notice-data-deleted = Your assessments have been deleted.
notice-assessment-done = Done! Your self-assessment is complete.
step-title = Self-assessment
step-progress = { $count ->
    [one] Question 1
   *[other] Question { $count }
}
step-choose-level = Please choose an answer – or skip the question.
step-skip = Skip
step-pause = Take a break – continue later
step-done-title = Everything assessed
step-done = You have assessed every competence of your role. Thank you!
region-title = Needs in the region
region-intro = Which competences are missing in the network's companies, and where? The figures combine the assessments of all participating companies.
region-privacy = { $count ->
    [one] Each figure stands for at least one person.
   *[other] Each figure stands for at least { $count } people from at least two companies; smaller groups, and figures from which they could be worked out, are not shown.
}
region-empty = No needs yet: the companies have not described requirements yet.
region-map = Map
region-map-label = Share of employees with a gap per district: { $competence }
region-map-title = { $district }: { $share } % with a gap
region-no-data = no assessments
region-map-competence = Competence for the map
region-show-map = Show map
region-legend-1 = under 20 % with a gap
region-legend-2 = 20 to 39 %
region-legend-3 = 40 to 59 %
region-legend-4 = 60 % and more
region-table = Table by district
region-table-intro = The table holds the same figures as the map, for every competence.
region-total = Region
region-legend = "3/8" means: 3 of 8 assessed employees have a gap here. ◌ means: too few people or companies for a figure.

## Minimum group size (coordination)
group-size-title = Privacy: minimum group size
group-size-help = Every figure the platform shows about competences and needs – to companies, education providers, the coordination office and the public – describes at least this many people. Smaller groups are hidden. A higher value protects better but shows less.
label-min-group-size = Minimum group size (k)
group-size-hint = A whole number from 3 to 50; 5 is recommended.
group-size-submit = Save minimum group size
group-size-invalid = Please enter a whole number from 3 to 50.

## Catalog: offerings
yes = yes
no = no
offerings-title = Training offerings
offerings-none = You have not published any offerings yet.
offerings-count = { $count ->
    [one] One offering
   *[other] { $count } offerings
}
offering-new = New offering
offering-edit-title = Edit offering
offering-edit = Edit “{ $title }”
offering-withdraw = Withdraw “{ $title }”
offering-republish = Publish “{ $title }” again
offering-status = Status
offering-actions = Actions
offering-published = published
offering-withdrawn = withdrawn
offering-withdrawn-notice = This offering has been withdrawn and is visible only to your organisation.
offering-save = Save offering
offering-section-what = What do people learn?
offering-section-when = When and how?
offering-section-where = Where?
offering-section-terms = Cost, group and accessibility
offering-any-time = Start any time
offering-free = free of charge
offering-online = online
offering-place = Place
offering-times = Times
offering-per-week = { $hours } hours per week
offering-participants = Participants
offering-accessibility = Accessibility and support
offering-builds = What you can do afterwards
offering-reaches-level = level { $count }
offering-book = Register with the provider
format-on_site = On site
format-online_live = Online live
format-self_paced = Online at your own pace
format-blended = Blended (on site and online)
format-in_company = In your company (in-house)
label-offering-title = Title
label-offering-external_id = Your course number
hint-offering-external_id = Optional. With the same number, a later import updates this offering instead of adding a new one.
label-offering-description = Description
hint-offering-description = Contents, prerequisites and how it works. You can use Markdown: **bold**, lists with “- ”.
label-offering-competences = Competences the offering builds
hint-offering-competences = Choose up to eight competences from the framework and the level participants reach.
label-offering-competence-n = Competence { $count }
label-offering-level-n = Level reached for competence { $count }
label-offering-format = Format
label-offering-start_date = Start
hint-offering-start_date = Leave empty if people can start at any time.
label-offering-end_date = End
label-offering-schedule = Dates and times
hint-offering-schedule = For example “Tue and Thu 5:30–8:45 pm” or “Sat 8 am–1 pm, 6 sessions”.
label-offering-hours_total = Hours in total
label-offering-hours_per_week = Hours per week
label-offering-part_time = part-time friendly
label-offering-evenings = evenings
label-offering-weekends = weekends
hint-offering-place = For on-site, blended and in-house offerings. The postal code gives us the district and distances.
label-offering-street = Street and number
label-offering-postal_code = Postal code
label-offering-city = Town
label-offering-language = Language
hint-offering-language = Two-letter language code, e.g. de or en.
label-offering-price_eur = Price
hint-offering-price_eur = In euros, e.g. 1,250.00. Enter 0 or leave empty for free offerings.
label-offering-certificate = Qualification or certificate
label-offering-azav = approved under AZAV (provider and course)
label-offering-step_free = step-free access
label-offering-childcare = childcare
label-offering-plain_language = materials in plain language
label-offering-min_participants = Minimum participants
label-offering-max_participants = Maximum participants
label-offering-url = Registration link
offering-competences-required = Please choose at least one competence the offering builds.
offering-competences-too-many = Please name at most eight competences.
offering-competence-unknown = This competence is not in the framework.
offering-competence-twice = A competence is named twice.
offering-level-invalid = The level reached must be between 1 and 4.
offering-external-id-taken = You already use this course number for another offering.
end-before-start = The end is before the start.
flag-invalid = Please give “yes” or “no”.
hours-invalid = Please give a number of hours above 0 (at most 5,000).
price-invalid = Please give a price in euros, e.g. 1,250.00.
participants-invalid = Please give a whole number of at least 1.
participants-min-above-max = The minimum is larger than the maximum.
url-invalid = Please give a complete address starting with http:// or https://.
language-invalid = Please give a two-letter language code, e.g. en.
offerings-import = Import offerings
offerings-import-intro = Upload a CSV file (comma or semicolon separated, UTF-8) or JSON in the schema.org Course/CourseInstance shape. The file is saved only as a whole: if one row has a problem, nothing is saved and every problem is reported with line and field. Rows with a known course number update the existing offering.
offerings-import-template = Download a CSV template with all columns
offerings-import-file = CSV or JSON file
offerings-import-created = { $count ->
    [one] 1 offering created.
   *[other] { $count } offerings created.
}
offerings-import-updated = { $count ->
    [one] 1 offering updated.
   *[other] { $count } offerings updated.
}
import-job-title = Importing offerings
import-job-running = { $count ->
    [one] 1 offering is being saved.
   *[other] { $count } offerings are being saved.
}
import-job-progress = { $count ->
    [one] 1 row processed
   *[other] { $count } rows processed
}
import-job-leave = You may leave this page; the import continues. The offerings appear once every row is saved – none before.
import-job-refresh = Refresh the status
import-job-to-offerings = To your offerings
import-job-failed = The import was interrupted. Nothing has been saved. Please upload the file again.
offerings-import-json-title = JSON following schema.org
offerings-import-json-help = A Course or a list of them; each CourseInstance becomes an offering. Competences go in “teaches” as DefinedTerm with “termCode” and “educationalLevel”, the duration in “courseWorkload” (e.g. PT40H), the price in “offers.price”. For facts schema.org has no term for, use “lernregion:azav”, “lernregion:partTime”, “lernregion:evenings”, “lernregion:weekends” and “lernregion:minParticipants”.
import-field = Field
import-column-missing = A required column is missing.
import-column-unknown = We do not know this column.
import-csv-unreadable = The CSV file cannot be read.
import-duplicate-id = This course number appears more than once in the file.
import-json-invalid = The file is not valid JSON.
import-json-not-courses = The JSON contains no courses (schema.org Course).

## Funding advisor
funding-title = Check funding
funding-intro = Which funding programmes may apply to this offering, what is still missing, and what does it cost then? We already know the course facts; answer what you know. Blank answers count as “don't know” and never lead to a wrong no. Your answers are not stored.
funding-questions = About you and your company
funding-questions-hint = Every answer is optional.
funding-dont-know = don't know / no answer
funding-check = Check funding
funding-results = Result
funding-results-first = Without your answers you see what depends on the course alone.
funding-eligible = may apply
funding-not-eligible = does not apply
funding-unknown = open – answers missing
funding-source = Legal basis and information
funding-share = Share of course costs
funding-wage = Wage subsidy
funding-net = Remaining cost
funding-unmet = Not met
funding-open = Still open
funding-answer = needs
funding-met = Conditions met
funding-number-invalid = Please give a number (or leave the field empty).
funding-age-invalid = Please give an age between 14 and 99.
funding-q-age = Age (years)
funding-q-company_employees = Employees in the company
funding-q-employed = Are you employed (not under notice)?
funding-q-unemployed_or_at_risk = Unemployed or threatened by unemployment?
funding-q-has_vocational_qualification = Do you hold a vocational qualification?
funding-q-years_since_vocational_qualification = How many years ago did you obtain it?
funding-q-funded_82_in_last_two_years = Funded under § 82 SGB III in the last two years?
funding-q-severely_disabled = Severely disabled?
funding-q-has_child = Do you have children (eligible for child benefit)?
funding-q-residence_state = State of residence
funding-q-workplace_state = State of workplace
funding-q-taxable_income_eur = Taxable annual income (euros)
funding-q-jointly_assessed = Assessed jointly with a spouse or partner?
funding-q-job_affected_by_structural_change = Is your job affected by structural change?
funding-q-company_agreement_on_qualification = Is there a works agreement or collective agreement on it?
funding-q-share_of_staff_needing_qualification_pct = Share of staff with this qualification need (%)
funding-rules-title = Funding rules
funding-rules-intro = The funding advisor's rules as JSON: programmes with validity, source, conditions and benefit tiers. Everything is checked on saving; faulty rules are not taken over. Every version is kept.
funding-rules-document = Rules (JSON)
funding-rules-save = Check and save rules
funding-rules-versions = Saved versions
funding-rules-shipped = The shipped rules apply; no version of your own has been saved yet.
funding-rules-problems = { $count ->
    [one] One problem in the rules
   *[other] { $count } problems in the rules
}
offering-funding-link = Check funding for this offering
state-BW = Baden-Württemberg
state-BY = Bavaria
state-BE = Berlin
state-BB = Brandenburg
state-HB = Bremen
state-HH = Hamburg
state-HE = Hesse
state-MV = Mecklenburg-Western Pomerania
state-NI = Lower Saxony
state-NW = North Rhine-Westphalia
state-RP = Rhineland-Palatinate
state-SL = Saarland
state-SN = Saxony
state-ST = Saxony-Anhalt
state-SH = Schleswig-Holstein
state-TH = Thuringia

## Gap report
gap-title = Gaps in provision
gap-intro = Competences people in a district need but for which there is no offering within reach: neither on site within { $count } km of the district's centre nor online.
gap-csv = Download as CSV
gap-map-label = Open needs without an on-site offering by district
gap-map-title = { $district }: { $count } competences without an on-site offering
gap-legend-0 = no gap
gap-legend-4 = 10 or more
gap-count = { $count ->
    [one] One competence with a gap
   *[other] { $count } competences with a gap
}
gap-people-with-gap = People with a need
gap-near = Offerings on site (up to { $count } km)
gap-online = Offerings online
gap-status = Assessment
gap-status-gap = gap: no offering
gap-status-online = online only
gap-status-covered = covered

## Recommendations
recommend-title = Training that fits
recommend-intro = { $count ->
    [one] For your open gap we found these offerings, the best first.
   *[other] For your { $count } open gaps we found these offerings, the best first.
}
recommend-company-title = Training for your needs
recommend-company-intro = { $count ->
    [one] These offerings fit your company's most important gap best. They are based on aggregated figures only, never on one person's answers.
   *[other] These offerings fit your company's { $count } most important gaps best. They are based on aggregated figures only, never on one person's answers.
}
recommend-company-no-gaps = No gaps to show yet: that takes roles with requirements and enough assessments by your employees.
recommend-company-link = Training that fits these gaps
recommend-link = Find training that fits
recommend-situation = Tell us about your situation (optional)
recommend-situation-hint = This makes the suggestions fit better. We do not store these answers.
recommend-part-time = I need a part-time or work-compatible offering
recommend-shift-work = I work shifts
recommend-no-evenings = I cannot attend in the evenings
recommend-no-weekends = I cannot attend at weekends
recommend-max-km = How far would you travel? (km)
recommend-max-km-hint = Default: 50 km from your workplace or home.
recommend-home = Postal code of your home
recommend-home-hint = Optional. Then the shorter way, from home or work, counts.
recommend-age-hint = Optional. From 45, the employment agency often pays the whole course.
recommend-update = Update suggestions
recommend-none = At the moment no offering closes one of your gaps. The coordination office sees such gaps and approaches providers.
recommend-no-gaps = You have no open gaps – or have not assessed everything yet.
recommend-km-invalid = Please give a distance between 1 and 500 km.

## Demand pooling
pooling-title = Pool needs
pooling-intro = Open needs of employees from several companies, grouped by competence, level and proximity into possible course groups. Providers can answer with an offering; companies sign up with the number of seats they need.
pooling-privacy = { $count ->
   *[other] Every group covers at least { $count } people from at least two companies; nobody sees who belongs to it.
}
pooling-publish-title = Publish course groups
pooling-candidates = { $count ->
    [one] Today's needs give one possible course group.
   *[other] Today's needs give { $count } possible course groups.
}
pooling-publish = Publish current course groups
pooling-count = { $count ->
    [one] One course group
   *[other] { $count } course groups
}
pooling-none = No course groups published yet.
pooling-band-basics = Basics
pooling-band-advanced = Advanced
pooling-people = { $count ->
    [one] one person
   *[other] { $count } people
}
pooling-companies = { $count ->
    [one] one company
   *[other] { $count } companies
}
pooling-other-districts = other districts
pooling-districts-withheld = districts not named (too few people per district)
pooling-no-answer = No offering yet.
pooling-seats-total = { $count ->
    [one] one seat requested
   *[other] { $count } seats requested
}
pooling-seats-for = Seats for { $org }
pooling-opt-in = Request seats
pooling-answer-with = Answer with this offering
pooling-answer-message = Message to the companies (optional)
pooling-answer = Make an offer
pooling-already-answered = You have already answered with this offering.
pooling-seats-invalid = Please give a number from 0 to 100 (0 withdraws the request).

## Catalog search
search-title = Find training
search-feed = New offerings as a feed
search-words = Search words
search-placeholder = e.g. welding, PLC, Excel
search-plz = Postal code
search-radius = Radius
search-sort = Sort by
search-sort-relevance = Relevance
search-sort-start = Start
search-sort-distance = Distance
search-submit = Search
search-include-online = include online offerings
search-funding = eligible for funding
search-area = Competence area
search-start = Start
search-count = { $count ->
    [0] No offerings found
    [one] One offering found
   *[other] { $count } offerings found
}
search-none = Try other words, a larger radius or fewer filters.
search-pages = Pages
search-prev = Previous page
search-next = Next page
search-page-invalid = This page does not exist.
search-radius-invalid = Please choose a radius between 1 and 300 km.
search-distance-needs-place = Sorting by distance needs a postal code.
price-band-free = free of charge
price-band-to-500 = up to €500
price-band-to-2000 = €500 to €2,000
price-band-over-2000 = over €2,000
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

## Ideas: campaigns and their phases
ideas-schedule-empty = Please give at least one phase with dates.
ideas-schedule-ends-before-start = A phase ends before it starts. Please check the dates.
ideas-schedule-order = The phases follow in this order and do not overlap: submission, discussion, rating, jury, results, implementation.
ideas-denied-login = Please log in to take part.
ideas-denied-phase = This is not possible in the campaign's current phase.
ideas-denied-moderators = Only the moderators of this campaign may do this.
ideas-denied-jury = Only members of the jury may do this.
ideas-denied-author = Only the person who submitted the idea can change it.
nav-notifications = Notifications
idea-status-new = New
idea-status-received = Received
idea-status-review = Under review
idea-status-accepted = Accepted
idea-status-working_group = In a working group
idea-status-implemented = Implemented
idea-status-not_pursued = Not pursued
ideas-anonymous = Anonymous
ideas-answer = Official answer
ideas-answer-save = Save answer
ideas-answer-text = Text of the answer (Markdown)
ideas-campaign-edit = Edit campaign
ideas-campaign-new = New campaign
ideas-campaign-org-required = Please choose the company the campaign is for.
ideas-campaign-section-lists = Categories and jury
ideas-campaign-section-phases = Phases
ideas-campaign-section-what = What it is about
ideas-campaigns = Campaigns
ideas-campaigns-none = No campaigns yet.
ideas-categories = Categories
ideas-col-campaign = Campaign
ideas-col-comments = Comments
ideas-col-date = Published
ideas-col-ideas = Ideas
ideas-col-rating = Rating
ideas-col-title = Idea
ideas-comment-edit = Edit comment
ideas-comment-edit-over = Comments can only be edited during their first 15 minutes.
ideas-comment-hidden = This comment was hidden:
ideas-comment-hide = Hide
ideas-comment-keep = Keep
ideas-comment-label = Your comment
ideas-comment-of = Comment by
ideas-comment-send = Post comment
ideas-comments-n = { $count ->
    [0] No comments
    [one] One comment
   *[other] { $count } comments
}
ideas-contact-hint = Your message is forwarded with your name and e-mail address so that the contact person can answer you.
ideas-contact-intro = Your message goes to { $name }, the regional contact person for this idea.
ideas-contact-link = Contact { $name }
ideas-contact-message = Message
ideas-contact-person = Regional contact person
ideas-contact-send = Send message
ideas-contact-title = Contact the contact person
ideas-count = { $count ->
    [0] No ideas
    [one] One idea
   *[other] { $count } ideas
}
ideas-edit = Edit idea
ideas-edited = edited
ideas-export-csv = Export as CSV
ideas-export-xlsx = Export as Excel (XLSX)
ideas-feed = New ideas as a feed (Atom)
ideas-filter-all = All
ideas-filter-apply = Apply filters
ideas-filter-campaign = Campaign
ideas-filter-category = Category
ideas-filter-lab = Idea lab
ideas-filter-q = Search in titles
ideas-filter-reset = Reset filters
ideas-filter-status = Status
ideas-filters = Filter ideas
ideas-follow = Follow idea
ideas-form-intro = Describe your idea. You can save it as a draft and publish it later.
ideas-hidden-because = This idea is hidden. Reason:
ideas-hide = Hide idea
ideas-hide-reason = Reason
ideas-hint-anonymous = Your name is not shown publicly. The moderators can see who submitted the idea.
ideas-hint-anonymous-strict = Your name is shown to nobody, not even the moderators.
ideas-hint-body = You can use Markdown: **bold**, *italic*, lists with "-".
ideas-hint-comment = Please stay factual. You can edit your comment for 15 minutes.
ideas-hint-image = PNG, JPEG or WebP, at most 2 MB.
ideas-hint-image-alt = Describe what the picture shows (for people who cannot see it).
ideas-hint-org = A company's campaign is seen only by its people.
ideas-hint-phases = Leave out phases your campaign does not have. Phases follow each other and do not overlap.
ideas-hint-place = Optional. Click the map, or move the map with the arrow keys and take its centre, or enter coordinates or a postal code.
ideas-hint-postal-code = Used only when no coordinates are given.
ideas-image-alt-required = Please describe the picture in a short text.
ideas-image-type = Please upload a PNG, JPEG or WebP picture.
ideas-internal-note = visible to the company's people only
ideas-jurors = { $count ->
    [one] one juror
   *[other] { $count } jurors
}
ideas-jury-intro = Score each idea per criterion with 0 to { $count } points. Empty fields stay as they are.
ideas-jury-nothing = There are no ideas or criteria to score yet.
ideas-jury-title = Jury
ideas-jury-unknown = At least one e-mail address does not belong to an account on the platform.
ideas-kind-company = Company competition
ideas-kind-competition = Idea competition
ideas-kind-labs = Series of idea labs
ideas-lab-add-idea = Enter an idea from this lab
ideas-lab-date = Date
ideas-lab-ends-before-start = The end is before the start.
ideas-lab-from = Start
ideas-lab-new = Record an idea lab
ideas-lab-on-map = This lab's ideas on the map
ideas-lab-participants = Participating organisations
ideas-lab-participants-hint = One organisation per line.
ideas-lab-place = Place
ideas-lab-to = End
ideas-lab-when = When
ideas-label-anonymous = Publish anonymously
ideas-label-body = Description
ideas-label-categories = Categories (one per line)
ideas-label-contact = Regional contact person
ideas-label-criteria = Jury criteria (one per line)
ideas-label-description = Description
ideas-label-image = Picture
ideas-label-image-alt = Picture description
ideas-label-jury = Jury (e-mail addresses, one per line)
ideas-label-kind = Kind
ideas-label-lat = Latitude
ideas-label-lon = Longitude
ideas-label-moderators-see-authors = Moderators may see who submitted anonymous ideas
ideas-label-org = Organised by
ideas-label-place = Description of the place
ideas-label-postal-code = Postal code
ideas-label-title = Title
ideas-labs-intro = In half-day idea labs, companies, employees and partners develop ideas on site. The results are on the idea map.
ideas-labs-none = No idea labs yet.
ideas-labs-title = Idea labs
ideas-login-to-take-part = Log in to submit, comment on and rate ideas.
ideas-map-bounds-invalid = The map section is not valid.
ideas-map-ideas = Ideas
ideas-map-intro = All public ideas of the network on a map. The list below the map holds the same ideas; the filters apply to both.
ideas-map-label = Map of ideas
ideas-map-title = Idea map
ideas-map-zoom-invalid = The zoom level must be between 0 and 18.
ideas-mark-seen = Mark as seen
ideas-merge = Merge
ideas-merge-into = Merge this duplicate into
ideas-merged-into = This idea was merged into:
ideas-milestone-date = Date
ideas-milestone-new = Implementation milestone
ideas-milestone-save = Save milestone
ideas-milestones = Implementation
ideas-moderation-intro = New ideas, reported comments and ideas without an official answer. You are notified about each new item.
ideas-moderation-title = Moderation
ideas-more-in-district = more ideas in the district
ideas-none = No ideas found.
ideas-not-published = This idea is not published.
ideas-notice-draft = Your draft is saved. Only you can see it.
ideas-notice-published = Your idea is published. You follow it and are notified about comments and answers.
ideas-notice-rated = Thank you for your rating.
ideas-notice-rating-changed = Your rating was changed. Everybody has one rating per idea.
ideas-notice-reported = Thank you, the moderators will look at the comment.
ideas-notice-reported-before = You have reported this comment before.
ideas-notice-commented = Your comment is published.
ideas-notice-contacted = Your message was forwarded.
ideas-now = Now
ideas-org-company = Company
ideas-org-network = The whole network (public)
ideas-own = Your drafts and hidden ideas
ideas-phase = Phase
ideas-phase-discussion = Discussion
ideas-phase-from = from
ideas-phase-implementation = Implementation
ideas-phase-jury = Jury
ideas-phase-rating = Rating
ideas-phase-results = Results
ideas-phase-submission = Submission
ideas-phase-to = to
ideas-phases = Phases
ideas-picker-centre = Use the map centre as the place
ideas-picker-clear = Remove the place
ideas-picker-label = Map to choose the place: move with the arrow keys, zoom with plus and minus
ideas-picker-set = Place set:{" "}
ideas-points = points
ideas-position = Place
ideas-position-invalid = Please give latitude and longitude as numbers, e.g. 51.5053 and 10.7912.
ideas-position-outside = This place is not in any German district.
ideas-progress = Progress
ideas-progress-invalid = Progress is a number from 0 to 100.
ideas-publish = Publish idea
ideas-queue-empty = Nothing to do.
ideas-queue-new = { $count ->
    [0] No new ideas
    [one] One new idea
   *[other] { $count } new ideas
}
ideas-queue-reported = { $count ->
    [0] No reported comments
    [one] One reported comment
   *[other] { $count } reported comments
}
ideas-queue-unanswered = { $count ->
    [0] Every idea has an answer
    [one] One idea without an answer
   *[other] { $count } ideas without an answer
}
ideas-rate = Rate
ideas-rate-change = Change rating
ideas-rate-legend = How good is this idea?
ideas-rating = Rating
ideas-ratings-n = { $count ->
    [0] no ratings
    [one] one rating
   *[other] { $count } ratings
}
ideas-reply = Reply
ideas-reply-label = Your reply
ideas-report = Report
ideas-report-reason = Why are you reporting this comment?
ideas-report-reasons = Reasons
ideas-report-send = Send report
ideas-results = Jury results
ideas-results-publish = Publish results
ideas-results-unpublished = not yet published
ideas-save-draft = Save as draft
ideas-score-invalid = Points are whole numbers from 0 to 10.
ideas-section-idea = Your idea
ideas-section-more = More details
ideas-section-place = Place on the map
ideas-stage-announced = Announced
ideas-stage-archived = Closed
ideas-stars = { $count ->
    [one] 1 star
   *[other] { $count } stars
}
ideas-stars-invalid = Please choose 1 to 5 stars.
ideas-state-draft = Draft
ideas-state-hidden = Hidden
ideas-state-merged = Merged
ideas-state-published = Published
ideas-submit = Submit an idea
ideas-time-invalid = Please give a time such as 09:00.
ideas-unfollow = Unfollow
ideas-unhide = Show again
notify-mail-legend = Notify me by e-mail
notify-mark-read = Mark all as read
notify-none = No notifications.
notify-pref-digest = Once a day as a digest
notify-pref-instant = At once for every event
notify-pref-none = Not at all (only here on the platform)
notify-title = Notifications
notify-unread = unread

## How figures about people are protected
figures-altered = Figures are slightly altered to protect individuals; totals may not add up.
figures-how = How we protect these figures
figures-as-of = As of { $date }
protect-lead = Companies, the coordination office and the public see figures about employees only for groups, never for single people. This page explains how the network makes sure of that – even against someone who tries.
protect-settings = Settings of this network
protect-k = Smallest group a figure is shown about
protect-noise = Largest change to a figure
protect-noise-value = { $count ->
    [0] none (figures are not altered)
    [one] at most one person
   *[other] at most { $count } people
}
protect-mean = Average deviation of a figure (people)
protect-rules = The rules
protect-rule-small = No small groups.
protect-rule-small-text = { $count ->
    [one] Each figure stands for at least one person.
   *[other] A figure is shown only if it covers at least { $count } people – in the region also from at least two companies.
}
protect-rule-derive = Nothing to work out.
protect-rule-derive-text = Whoever takes a total and subtracts all the parts shown – by district, sector, company size or both – never arrives at a small group. Where that would be possible, we hide more figures, and the same ones in every view.
protect-rule-noise = Slightly altered figures.
protect-rule-noise-text = { $count ->
    [0] In this network figures are not altered.
   *[other] Every figure is changed by a small number (at most { $count }). The change depends only on which people are in the group: the same group always gives the same figure, even if you ask a thousand times. Two groups that differ by one person get unrelated changes – subtracting one from the other tells nothing certain about that person.
}
protect-rule-groups = Groups a company forms itself.
protect-rule-groups-text = { $count ->
    [one] A company decides its roles and teams itself.
   *[other] A company decides its roles and teams itself. So that nobody can move people into a role one by one and compare the figures, we show a figure about a group only if it equals a group shown before or differs from every group shown before by at least { $count } people.
}
protect-rule-sensitive = Specially protected competences.
protect-rule-sensitive-text = For basic skills such as reading and writing we show no group in which everybody has a gap – that would say something about each person in it.
protect-rule-day = One reference date a day.
protect-rule-day-text = The figures for the region are computed once a day. An assessment given today appears in the regional figures tomorrow.
protect-means = What this means for you
protect-means-individual = Your company sees your own assessments only if you agree – and only the people named in your consent. Every look at them is logged, and you see the log on “My competences”.
protect-means-who = Platform administrators, too, see no individual answers, only the same protected figures.
label-noise-range = Largest change to published figures (people)
noise-range-hint = A whole number from 0 to 5; 2 is recommended. With 0 figures are not altered, and only the minimum size and hiding protect them.
noise-range-invalid = Please enter a whole number from 0 to 5.
password-common = This password is one that many people choose and is tried first. Please choose another, for example a short sentence of unusual words.
password-weak = This password is easy to guess (a known pattern, a repetition, a date or your name). Please choose another, for example a short sentence of unusual words.
password-current-wrong = The current password is wrong.
label-current-password = Current password
security-title = Password and sessions
security-password = Change password
security-change-password = Change password
security-sessions = Devices you are logged in on
security-sessions-intro = This is where you are logged in right now. A login ends after an hour without activity and after twelve hours at the latest. If you do not recognise a device, log it out and change your password.
security-device = Device
security-device-unknown = Unknown device
security-started = Logged in since
security-last-seen = Last active
security-this-session = this device
security-end-session = Log out
security-end-others = Log out all other devices
notice-password-updated = Your password has been changed. All other devices have been logged out.
notice-sessions-ended = The devices have been logged out.
mail-password-changed-subject = Your password was changed
mail-password-changed-body =
    Hello { $name },

    the password of your Lernregion account has just been changed, and all other devices have been logged out.

    If this was not you, reset your password at once: { $link }

    Kind regards
    Your Lernregion

## Start page
nav-start = Start
start-title = My start page
start-intro = What needs your attention, and the way into your networks.
start-tasks = For you to do
start-no-tasks = Nothing needs your attention right now.
start-task-assess =
    { $count ->
        [one] At { $org }, 1 competence is still to be self-assessed.
       *[other] At { $org }, { $count } competences are still to be self-assessed.
    }
start-task-applications =
    { $count ->
        [one] { $network }: 1 application to join is waiting for your decision.
       *[other] { $network }: { $count } applications to join are waiting for your decision.
    }
start-task-notifications =
    { $count ->
        [one] 1 unread notification
       *[other] { $count } unread notifications
    }
start-orgs = Your organisations
start-org-needs = Training needs
start-org-offerings = Manage offerings
start-networks = Your networks
start-network-home = Network page
start-network-catalog = Find courses
start-network-ideas = Idea map
start-network-coordination = Coordination

coordination-tools = Coordination tools
coordination-labs = Idea labs
coordination-protection = Protection of figures about people
start-discover = Networks near you
start-discover-intro = You do not belong to a network yet. A network's page shows its partners and offerings, and there you can register your organisation.
