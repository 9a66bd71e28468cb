# sdp-tracker — catalogue français (Fluent, chargé par fluent-templates).
# Mêmes clés que locales/en/main.ftl. Pas de termes ni de pluriels ;
# si une variable devient nécessaire, utiliser { $count }.
# Typographie : apostrophe ’, guillemets « … » ; espace insécable (U+00A0)
# avant « : », espace fine insécable (U+202F) avant ; ! ? (dans les messages).

## Gabarit (templates/base.html)

service-name = Suivi du partenariat de sécurité et de défense
skip-to-content = Aller au contenu principal
nav-label = Navigation principale
nav-menu = Menu
nav-home = Accueil
nav-text = Texte du partenariat
nav-app = Tableau de bord
breadcrumbs-label = Fil d’Ariane
marking-label = Marquage de sécurité
footer-text = Partenariat de sécurité et de défense UE–Canada — suivi de la mise en œuvre

## Page d’accueil

home-title = Partenariat de sécurité et de défense UE–Canada
home-intro = Ce service suit, paragraphe par paragraphe, la mise en œuvre du partenariat de sécurité et de défense entre l’Union européenne et le Canada.
home-reference = Document du Conseil
home-document-date = Date du document
home-signed = Signé le
home-areas = Domaines
home-paragraphs = Paragraphes
home-read-text = Lire le texte intégral
home-caption = Suivi de la mise en œuvre
home-parties = Parties
home-area = Domaine
home-total = Total

## Texte du partenariat

text-title = Texte du partenariat
text-paragraph = Paragraphe
text-contents = Sommaire
text-lang-notice = Le texte du partenariat n’est disponible ici qu’en anglais : il est affiché en anglais.

## Pages des domaines

area-title = Domaine de coopération
area-paragraphs = Paragraphes de ce domaine
area-back = Retour au texte intégral
area-parent = Relève de
area-caption = Domaine de coopération
area-no-paragraphs = Aucun paragraphe du texte ne relève de ce domaine.
area-children = Sous-domaines
area-paragraph-count = paragraphes
area-in-text = Voir ce domaine dans le texte intégral

## Pages d’erreur

error-not-found-title = Page introuvable
error-not-found-body = Si vous avez saisi l’adresse web, vérifiez qu’elle est correcte. Si vous l’avez collée, vérifiez que vous avez copié l’adresse en entier.
error-server-title = Désolé, le service rencontre un problème
error-server-body = Réessayez plus tard. Si le problème persiste, contactez l’équipe du service en indiquant la référence de la demande.
error-request-id = Référence de la demande
error-bad-request-title = Votre demande comporte un problème
error-bad-request-body = Vérifiez l’adresse web ou les informations saisies, puis réessayez.
error-unavailable-title = Service indisponible
error-unavailable-body = Le service est temporairement indisponible. Réessayez plus tard.
error-detail-title = Détails
error-home-link = Aller à la page d’accueil
error-forbidden-title = Vous n’avez pas accès à cette page
error-forbidden-body = Si vous pensez devoir y avoir accès, contactez l’équipe du service.
error-method-title = Cette action n’est pas autorisée
error-method-body = La page n’accepte pas ce type de demande. Revenez en arrière et réessayez.
error-too-large-title = La demande est trop volumineuse
error-too-large-body = Envoyez moins de données à la fois, puis réessayez.
error-too-many-title = Trop de demandes
error-too-many-body = Vous avez envoyé trop de demandes en peu de temps. Patientez quelques minutes, puis réessayez.

## Comptes et sessions
nav-login = Se connecter
nav-account = Votre compte
logout = Se déconnecter
login-title = Se connecter
login-email = Adresse électronique
login-password = Mot de passe
login-submit = Se connecter
login-error = L’adresse électronique ou le mot de passe est incorrect.
login-throttled = { $minutes ->
    [one] Trop de tentatives de connexion ont échoué. Attendez 1 minute, puis réessayez.
   *[other] Trop de tentatives de connexion ont échoué. Attendez { $minutes } minutes, puis réessayez.
}
error-summary-title = Il y a un problème
error-prefix = Erreur :
password-title = Changer votre mot de passe
password-forced = Vous vous êtes connecté avec un mot de passe à usage unique. Choisissez votre propre mot de passe pour continuer.
password-current = Mot de passe actuel
password-new = Nouveau mot de passe
password-confirm = Confirmez le nouveau mot de passe
password-hint = Entre 12 et 128 caractères. Tous les caractères sont permis, espaces compris. Une phrase de plusieurs mots convient bien.
password-submit = Changer le mot de passe
password-error-current = Le mot de passe actuel est incorrect.
password-error-same = Le nouveau mot de passe doit être différent de l’actuel.
password-error-confirm = Les deux nouveaux mots de passe ne correspondent pas.
password-changed = Votre mot de passe a été changé.
account-error-email = Saisissez une adresse électronique au bon format, comme nom@exemple.org
account-error-password-short = Le mot de passe doit compter au moins 12 caractères.
account-error-password-long = Le mot de passe doit compter au plus 128 caractères.
account-error-officer-side = Un agent doit agir pour une partie : choisissez UE ou Canada.
profile-title = Votre compte
profile-email = Adresse électronique
profile-name = Nom
profile-role = Rôle
profile-change-password = Changer votre mot de passe
token-heading = Jetons d’API
token-intro = Les jetons personnels permettent à vos scripts d’utiliser l’API JSON en votre nom. Un jeton n’est affiché qu’une fois, à sa création ; révoquez-le lorsqu’il n’est plus utile.
token-label = Nom du jeton
token-prefix = Commence par
token-created = Créé le
token-last-used = Dernière utilisation
token-state = État
token-revoked = Révoqué
token-revoke = Révoquer
token-create = Créer un jeton
token-error-label = Saisissez un nom de jeton d’au plus 100 caractères.
token-created-title = Jeton créé
token-created-once = Copiez ce jeton maintenant : il ne sera plus affiché.
token-back = Retour à votre compte
app-title = Tableau de bord
app-welcome = Connecté en tant que
app-admin-users = Gérer les comptes
app-admin-assignments = Désigner les agents responsables
app-audit = Journal d’audit
banner-success = Opération réussie
role-admin = Administrateur
role-secretariat = Secrétariat du dialogue
role-officer = Agent traitant
role-viewer = Lecteur
side-eu = Union européenne
side-ca = Canada
form-error-unreadable = Le formulaire n’a pas pu être lu. Réessayez.
form-error-utf8 = Le formulaire contient des caractères qui ne sont pas du texte valide (UTF-8).
form-error-nul = Le formulaire contient un caractère NUL, qui n’est pas permis.
form-error-invalid = Le formulaire est incomplet ou invalide.
request-error-path = L’adresse contient des caractères qui ne sont pas permis (caractères de contrôle, ou octets qui ne sont pas du texte valide).
request-error-query = L’adresse contient un caractère NUL, qui n’est pas permis.

## Administration des comptes, agents responsables, journal d’audit (templates/admin, templates/audit)

admin-users-title = Comptes
admin-users-caption = Tous les comptes
admin-create-account = Créer un compte
admin-email = Adresse électronique
admin-display-name = Nom
admin-role = Rôle
admin-side = Partie
admin-side-hint = Les agents traitants agissent pour une partie. Les autres rôles n’en ont généralement pas.
admin-side-none = Aucune partie
admin-organisation = Organisation
admin-organisation-hint = Par exemple SEAE, Affaires mondiales Canada ou Défense nationale. Facultatif.
admin-status = Statut
admin-active = Actif
admin-inactive = Inactif
admin-active-hint = Un compte inactif ne peut pas se connecter ; ses sessions en cours prennent fin immédiatement.
admin-save = Enregistrer les modifications
admin-back-users = Retour aux comptes
admin-back-account = Retour à ce compte
admin-edit-caption = Compte
admin-reset-heading = Réinitialiser le mot de passe
admin-reset-body = Génère un nouveau mot de passe à usage unique et déconnecte la personne partout. Elle devra choisir son propre mot de passe à sa prochaine connexion.
admin-reset-submit = Réinitialiser le mot de passe
admin-deactivate-heading = Désactiver le compte
admin-deactivate-body = La personne est déconnectée partout et ne peut plus se connecter. Le compte et son historique sont conservés.
admin-deactivate-submit = Désactiver le compte
admin-created-title = Compte créé
admin-reset-title = Mot de passe réinitialisé
admin-one-time-password = Mot de passe à usage unique
admin-account-for = Compte :
admin-warning = Avertissement
admin-one-time-password-once = Ce mot de passe n’est affiché qu’une seule fois. Transmettez-le à la personne de manière sûre ; elle devra le changer à sa première connexion.
admin-done-updated = Le compte a été mis à jour.
admin-done-deactivated = Le compte a été désactivé et ses sessions ont pris fin.
admin-done-lead-added = L’agent responsable a été désigné.
admin-done-lead-removed = L’agent responsable a été retiré.
admin-error-display-name = Saisissez un nom de 1 à 200 caractères.
admin-error-role = Choisissez un rôle.
admin-error-side = Choisissez une partie : aucune, Union européenne ou Canada.
admin-error-organisation = Saisissez une organisation de 200 caractères au plus.
admin-error-email-taken = Un compte existe déjà avec cette adresse électronique.
admin-error-self-demote = Vous ne pouvez pas retirer votre propre rôle d’administrateur : demandez à un autre administrateur.
admin-error-self-deactivate = Vous ne pouvez pas désactiver votre propre compte : demandez à un autre administrateur.
admin-error-commitment = Choisissez un engagement du partenariat.
admin-error-lead-not-officer = Choisissez un agent traitant actif : seuls les agents traitants peuvent être responsables d’un engagement.
admin-error-lead-exists = Cet agent est déjà responsable de cet engagement.
admin-assignments-title = Agents responsables
admin-assignments-intro = Chaque engagement peut avoir des agents responsables de chaque côté. Un agent est responsable pour sa propre partie.
admin-assignments-caption = Agents responsables par engagement
admin-lead-add-heading = Désigner un agent responsable
admin-lead-commitment = Engagement
admin-lead-officer = Agent traitant
admin-lead-officer-hint = Seuls les agents traitants actifs sont proposés.
admin-lead-add = Désigner
admin-lead-remove = Retirer
admin-leads-eu = Responsables pour l’Union européenne
admin-leads-ca = Responsables pour le Canada
admin-no-lead = Aucun
admin-choose = Choisir
audit-filter = Filtrer les événements
audit-action = Action
audit-action-hint = Commence par, par exemple user. ou assignment.add
audit-actor = Auteur
audit-actor-hint = Une partie d’une adresse électronique, ou cli ou system
audit-entity = Enregistrement
audit-entity-hint = Par exemple user ou commitment_lead
audit-from = Du
audit-to = Au
audit-date-hint = Jour en UTC, au format AAAA-MM-JJ, par exemple 2026-03-31
audit-apply = Appliquer le filtre
audit-clear = Effacer le filtre
audit-caption = Événements, du plus récent au plus ancien
audit-time = Heure (UTC)
audit-change = Modification
audit-details = Avant et après
audit-before = Avant
audit-after = Après
audit-none = Aucun événement ne correspond à ce filtre.
audit-pagination = Pages du journal d’audit
audit-previous = Page précédente
audit-next = Page suivante
audit-page = Page
audit-error-date = Saisissez une date au format AAAA-MM-JJ, par exemple 2026-03-31.

## Échelle des statuts, états des cycles, contributions (communs à toutes les pages de suivi)
status-not-assessed = Pas encore évalué
status-not-started = Non commencé
status-on-track = En cours – sur la bonne voie
status-challenges = En cours – avec des difficultés
status-completed = Réalisé – entièrement
status-completed-modified = Réalisé – modifié
status-ongoing = Continu
status-discontinued = Abandonné
status-carried = reporté — pas encore réexaminé
status-none = Pas encore d’évaluation
cycle-state-planned = Prévu
cycle-state-open = Ouvert aux contributions
cycle-state-reconciliation = Rapprochement
cycle-state-frozen = Figé
cycle-state-published = Publié
submission-not-reviewed = Pas encore réexaminé
submission-saved = Enregistré
submission-overdue = En retard
divergent = Divergent
assessment-error-status = Choisissez un statut.
assessment-error-narrative-required = Expliquez ce statut : un commentaire est obligatoire.
assessment-error-narrative-long = Le commentaire doit compter au plus 20 000 caractères.
assessment-error-too-many-links = Donnez au plus 10 liens de justification.
assessment-error-link-scheme = Les liens de justification doivent commencer par http:// ou https://.
assessment-error-link-invalid = Saisissez un lien valide, comme https://www.exemple.org/rapport
assessment-error-label-long = Le libellé d’un lien doit compter au plus 200 caractères.

## Tableau de bord
dashboard-due-today = L’échéance est aujourd’hui
dashboard-days-left = { $count ->
    [one] 1 jour restant
   *[other] { $count } jours restants
}
dashboard-days-overdue = { $count ->
    [one] L’échéance est passée depuis 1 jour
   *[other] L’échéance est passée depuis { $count } jours
}
dashboard-deadline = Date limite des contributions
dashboard-mine = Mes engagements
dashboard-mine-none = Aucun engagement ne vous est confié comme responsable.
dashboard-ref = Engagement
dashboard-area = Domaine
dashboard-my-side = Statut de ma partie
dashboard-this-cycle = Ce cycle
dashboard-missing = Ce que ma partie doit encore soumettre
dashboard-missing-none = Votre partie a évalué tous les engagements de ce cycle.
dashboard-missing-count = { $count ->
    [one] 1 engagement n’a pas encore d’évaluation de votre partie :
   *[other] { $count } engagements n’ont pas encore d’évaluation de votre partie :
}
dashboard-progress = Contributions de ce cycle
dashboard-divergent = Engagements divergents
dashboard-divergent-none = Les deux parties s’accordent sur chaque engagement qu’elles ont toutes deux évalué.
dashboard-recent = Activité récente
dashboard-recent-none = Rien n’a encore été enregistré dans ce cycle.
dashboard-no-cycle = Aucun cycle d’examen n’a encore été ouvert.
dashboard-links = Aller à
dashboard-cycles = Cycles d’examen
dashboard-search = Recherche

## Review cycles: /app/cycles and /app/cycles/{year}
cycles-title = Cycles d’examen
cycles-intro = Un cycle d’examen par Dialogue UE–Canada sur la sécurité et la défense : les deux parties y enregistrent leurs évaluations tant qu’il est ouvert, puis le secrétariat les rapproche.
cycles-none = Aucun cycle d’examen n’a encore été créé.
cycles-caption = Cycles, du plus récent au plus ancien
cycles-back = Tous les cycles d’examen
cycle-caption = Cycle d’examen
cycle-year = Année
cycle-year-hint = L’année du Dialogue, par exemple 2026
cycle-title = Titre
cycle-title-en = Titre en anglais
cycle-title-fr = Titre en français
cycle-title-hint = Laisser vide pour le titre habituel, par exemple :
cycle-meeting = Dialogue
cycle-meeting-date = Date du Dialogue
cycle-place = Lieu du Dialogue
cycle-place-en = Lieu du Dialogue, en anglais
cycle-place-en-hint = Son nom en anglais, par exemple Ottawa
cycle-place-fr = Lieu du Dialogue, en français
cycle-place-fr-hint = Par exemple Ottawa ou Bruxelles. Laisser vide s’il n’a pas encore de nom français : les lecteurs francophones voient alors le nom anglais.
cycle-opens-on = Ouverture des contributions
cycle-deadline = Date limite des contributions
cycle-date-hint = Au format AAAA-MM-JJ, par exemple 2026-03-31
cycle-state = État
cycle-create-heading = Créer un cycle d’examen
cycle-create = Créer le cycle
cycle-done-created = Le cycle d’examen a été créé. Il est prévu : ouvrez-le quand les contributions commencent.
cycle-done-state = Le cycle d’examen est passé à l’état suivant.
cycle-move-heading = Faire avancer le cycle
cycle-move-hint = Un cycle n’avance que dans un sens, une étape à la fois : prévu, ouvert aux contributions, rapprochement, figé, publié. C’est irréversible.
cycle-move-to = Passer à :
cycle-progress = Avancement des contributions
cycle-progress-text = { $saved ->
    [one] { $saved } engagement enregistré sur { $total } ({ $percent } %)
   *[other] { $saved } engagements enregistrés sur { $total } ({ $percent } %)
}
cycle-chase-count = { $count ->
    [one] 1 engagement
   *[other] { $count } engagements
}
cycle-divergences = Divergences
cycle-divergences-none = Aucune divergence : partout où les deux parties ont évalué un engagement, elles sont d’accord.
cycle-ref = Engagement
cycle-area = Domaine
cycle-history = Changements d’état
cycle-history-none = Le cycle n’a pas changé d’état depuis sa création.
cycle-history-change = Changement
cycle-history-when = Date
cycle-history-who = Par
cycle-error-year = Saisissez une année entre 2000 et 2100.
cycle-error-title-en = Le titre anglais doit compter au plus 300 caractères.
cycle-error-title-fr = Le titre français doit compter au plus 300 caractères.
cycle-error-place-en = Saisissez le lieu du Dialogue en anglais, en 200 caractères au plus.
cycle-error-place-fr = Le lieu en français doit compter au plus 200 caractères.
cycle-error-date = Saisissez une date au format AAAA-MM-JJ, par exemple 2026-03-31.
cycle-error-date-order = Les contributions doivent ouvrir au plus tard à la date limite, et la date limite tomber au plus tard le jour du Dialogue.
cycle-error-duplicate-year = Il existe déjà un cycle d’examen pour cette année.
cycle-error-state = Choisissez l’état auquel faire passer le cycle.
cycle-error-transition = Un cycle n’avance que dans un sens, une étape à la fois. Rechargez la page pour voir son état actuel.
cycle-error-already-open = Le cycle { $year } est encore ouvert aux contributions : un seul cycle peut être ouvert à la fois. Faites-le d’abord passer au rapprochement.
cycle-error-another-open = Un autre cycle est ouvert aux contributions : un seul cycle peut être ouvert à la fois.
cycle-error-moved = Quelqu’un vient de faire avancer ce cycle : il est maintenant « { $state } ».
cycle-error-not-found = Il n’existe pas de cycle d’examen pour cette année.
cycle-error-no-partnership = Aucun texte de partenariat n’a encore été importé.
cycle-error-unexpected = La modification n’a pas pu être enregistrée. Réessayez.

## JSON API errors
api-title-bad-request = La requête n’est pas valide
api-title-unauthorized = Authentification requise
api-title-forbidden = Action non autorisée
api-title-not-found = Introuvable
api-title-conflict = Conflit avec l’état du cycle
api-title-precondition-failed = La version n’est plus à jour
api-title-unsupported-media-type = Type de contenu non pris en charge
api-title-unprocessable = L’évaluation n’est pas valide
api-title-precondition-required = Une version est requise
api-error-unauthorized = Envoyez un jeton d’API personnel dans « Authorization: Bearer JETON », ou connectez-vous.
api-error-invalid-token = Le jeton d’API n’est pas valide : il est inconnu, révoqué, ou son compte est désactivé.
api-error-change-password = Changez votre mot de passe à usage unique dans l’application avant d’utiliser l’API.
api-error-read-only = Ce compte ne peut pas enregistrer d’évaluations : seuls les responsables enregistrent celles de leur partie.
api-error-other-side = Les responsables n’enregistrent que les évaluations de leur propre partie.
api-error-not-found = Rien n’a été trouvé à cette adresse.
api-error-no-partnership = Ce partenariat n’existe pas.
api-error-no-cycle = Il n’y a pas de cycle d’examen pour cette année.
api-error-no-commitment = Cet engagement n’existe pas dans ce partenariat.
api-error-if-match-missing = Envoyez la version que vous avez lue dans If-Match: "N" ("0" pour une première évaluation).
api-error-if-match-invalid = If-Match doit contenir un seul numéro de version entre guillemets droits, par exemple "3".
api-error-content-type = Envoyez l’évaluation en JSON, avec Content-Type: application/json.
api-error-stale = Quelqu’un a enregistré cette évaluation depuis votre lecture : la version actuelle est { $version }. Relisez-la, puis envoyez votre modification avec If-Match: "{ $version }".
api-error-cycle-closed = Le cycle d’examen n’est pas ouvert : les évaluations ne peuvent être enregistrées que pendant son ouverture.
api-error-invalid = L’évaluation n’a pas été enregistrée ; voir les erreurs.
api-error-ref = Indiquez une référence d’engagement comme « 25 » ou « 25(c) ».
api-error-nul = Le texte contient un caractère NUL, qui n’est pas autorisé.

## Area and commitment pages, the assessment form, search (issue 4)
tracking-no-cycle = Aucun cycle d’examen n’existe encore : le texte est affiché, et les évaluations pourront être saisies quand le secrétariat aura ouvert un cycle.
board-all-areas = Tous les domaines
board-caption = Engagements par domaine
board-filters = Filtrer les engagements
board-filter-area = Domaine
board-filter-status = Statut
board-any-status = Tous les statuts
board-filter-side = Partie
board-either-side = L’une ou l’autre partie
board-filter-mine = Seulement les engagements qui me sont attribués
board-apply = Appliquer les filtres
board-showing = Engagements affichés :
board-no-rows = Aucun engagement ne correspond à ces filtres.
board-ref = Réf.
board-text = Engagement
commitment-title = Engagement
commitment-paragraph = Paragraphe
commitment-in-text = Le lire dans le texte intégral
commitment-cycle = Cycle d’examen :
commitment-current = Évaluations actuelles
assessment-saved = Votre évaluation a été enregistrée.
assessment-cycle-closed = Ce cycle n’est pas ouvert aux évaluations : rien n’a été enregistré.
assessment-conflict-title = Cette évaluation a été enregistrée entre-temps
assessment-conflict-intro = Vos modifications n’ont pas été enregistrées. La version enregistrée entre-temps est affichée ici ; la vôtre est toujours dans le formulaire. Enregistrer à nouveau remplace cette version par la vôtre.
assessment-form-heading = Votre évaluation
assessment-status = Statut
assessment-status-hint = Trois statuts exigent un exposé qui les explique.
assessment-needs-narrative = Un exposé est obligatoire.
assessment-narrative = Exposé
assessment-narrative-hint = Ce qui a été fait, ce qui est prévu, et toute difficulté.
charcount-characters-under-one = Il vous reste { $count } caractère
charcount-characters-under-other = Il vous reste { $count } caractères
charcount-characters-at-limit = Il ne vous reste aucun caractère
charcount-characters-over-one = Vous avez { $count } caractère de trop
charcount-characters-over-other = Vous avez { $count } caractères de trop
charcount-words-under-one = Il vous reste { $count } mot
charcount-words-under-other = Il vous reste { $count } mots
charcount-words-at-limit = Il ne vous reste aucun mot
charcount-words-over-one = Vous avez { $count } mot de trop
charcount-words-over-other = Vous avez { $count } mots de trop
charcount-textarea-description = Vous pouvez saisir jusqu’à { $count } caractères
assessment-narrative-limit = Vous pouvez saisir jusqu’à 20 000 caractères.
assessment-save = Enregistrer l’évaluation
assessment-save-anyway = Enregistrer ma version
evidence-heading = Liens vers des justificatifs
evidence-hint = Jusqu’à 10 liens commençant par http:// ou https://, chacun avec un libellé facultatif.
evidence-url = Lien
evidence-label = Libellé du lien
revision-by = Enregistré par
revision-version = version
history-title = Historique de ce cycle
history-empty = Rien n’a encore été enregistré dans ce cycle.
history-status = Statut :
history-first = première évaluation
history-unchanged = inchangé
history-narrative = Exposé modifié :
history-changed-yes = oui
history-changed-no = non
history-evidence-added = Justificatifs ajoutés :
history-evidence-removed = Justificatifs retirés :
search-title = Recherche
search-label = Rechercher dans le texte, les exposés et les justificatifs
search-hint = Par exemple : Gulf of Guinea. Mettez une expression exacte entre guillemets.
search-button = Rechercher
search-results = Résultats
search-no-results = Aucun résultat ne correspond à votre recherche. Essayez d’autres mots, ou moins de mots.
search-commitment = Engagement
search-paragraph = Paragraphe
search-kind-text = Dans le texte
search-kind-narrative = Dans un exposé
search-kind-evidence = Dans un libellé de justificatif

# Progress report and cycle comparison (issue 5)
trend-improved = En progrès
trend-unchanged = Inchangé
trend-regressed = En recul
trend-new = Nouveau
trend-unknown = Pas encore évalué
report-title = Rapport d’étape
report-text-lang-notice = Dans ce rapport, le texte du partenariat est cité en anglais : sa version française n’a pas été importée.
report-marking = Marquage
report-document-number = Document
report-meeting = Réunion
report-place = Lieu
report-generated-at = Établi le
report-cycle-state = État du cycle
report-summary = Synthèse
report-total = Engagements
report-reviewed = Avec un examen conjoint
report-by-joint-status = Par statut conjoint
report-by-side = Par partie
report-by-area = Par domaine
report-area = Domaine
report-count = Nombre
report-status = Statut
report-divergences = Divergences
report-trend-since = Évolution depuis le cycle précédent
report-no-previous-cycle = Il n’y a pas de cycle précédent avec lequel comparer.
report-no-trend = Pas encore de statut à comparer
report-progress-by-area = Avancement par domaine
report-reference = Référence
report-paragraph = Paragraphe
report-text = Texte
report-text-lang = Langue du texte
report-narrative = Exposé
report-evidence = Justificatifs
report-joint-status = Statut conjoint
report-summary-line = Résumé
report-next-steps = Prochaines étapes
report-trend = Évolution
report-not-submitted = Non soumis
report-no-joint-review = Pas encore d’examen conjoint
report-not-submitted-count = Non soumis
report-for-discussion = Points à examiner
report-nothing-for-discussion = Aucun engagement n’est signalé pour examen.
report-reasons = Motif
report-reason-challenges = Avec des difficultés
report-reason-regressed = En recul
report-errata = Errata
report-no-errata = Aucun erratum n’a été enregistré.
report-erratum-author = Par
report-erratum-date = Date
report-erratum-reason = Motif
report-erratum-changes = Modifications
report-corrected = corrigé (erratum { $numbers })
report-correction = Correction
report-whole-cycle = Ensemble du cycle
report-field-summary-en = Résumé (anglais)
report-field-next-steps-en = Prochaines étapes (anglais)
report-field-next-steps-fr = Prochaines étapes (français)
report-field-summary-fr = Résumé (français)
report-yes = Oui
report-no = Non
report-contents = Sommaire
report-download = Télécharger le rapport
report-download-hint = Le rapport en anglais ou en français, en page web à imprimer, en document Word, en PDF, en tableur (CSV) ou en données (JSON).
report-language = Langue
report-format = Format
report-in = en
compare-title = Comparaison avec un autre cycle
compare-heading = { $year } comparé à { $with }
compare-with-label = Comparer avec le cycle de
compare-submit = Comparer
compare-no-other = Il n’y a pas d’autre cycle avec lequel comparer celui-ci.
compare-basis = Chaque engagement est comparé selon son statut conjoint. Lorsqu’un cycle n’a pas d’examen conjoint d’un engagement, le statut des deux parties compte si elles sont d’accord ; sinon le statut est inconnu et l’engagement n’a pas d’évolution (ou est nouveau).
compare-counts-caption = Engagements par évolution, de { $with } à { $year }
compare-chart-title = Évolution par domaine, de { $with } à { $year }
compare-chart-desc = Graphique à barres empilées : pour chaque domaine, le nombre d’engagements en progrès, en recul, nouveaux, inchangés ou encore sans statut. Les mêmes chiffres figurent dans le tableau qui suit.
compare-areas-caption = Évolution par domaine, de { $with } à { $year }
compare-commitments-caption = Chaque engagement, de { $with } à { $year }
compare-status-in = Statut en { $year }
compare-total = Total
compare-back = Retour au cycle
compare-link = Comparer avec le cycle précédent
compare-report-link = Rapport d’étape

## Report files (DOCX, PDF)
report-file-page = Page
report-file-contents = Table des matières
# Rapprochement, gel et errata (issue 5)
reconcile-title = Rapprochement
reconcile-intro = Convenez d’un statut conjoint pour chaque engagement à partir des évaluations des deux parties. Les engagements divergents sont listés en premier. Le cycle peut être gelé une fois que chaque engagement a un statut conjoint.
reconcile-count-divergent = { $count ->
    [one] 1 engagement divergent
   *[other] { $count } engagements divergents
}
reconcile-count-missing = { $count ->
    [one] 1 engagement sans statut conjoint
   *[other] { $count } engagements sans statut conjoint
}
reconcile-read-only = Les statuts conjoints ne peuvent être enregistrés que pendant le rapprochement.
reconcile-accept-heading = Accepter là où les deux parties concordent
reconcile-accept-hint = { $count ->
    [0] Aucun engagement sans statut conjoint n’a le même statut des deux parties.
    [one] 1 engagement sans statut conjoint a le même statut des deux parties : ce statut deviendra son statut conjoint.
   *[other] { $count } engagements sans statut conjoint ont le même statut des deux parties : ce statut deviendra le statut conjoint de chacun.
}
reconcile-accept = Accepter les statuts concordants
reconcile-accepted = { $count ->
    [0] Aucun engagement n’a été accepté : aucun engagement sans statut conjoint n’a le même statut des deux parties.
    [one] 1 engagement a reçu le statut sur lequel les deux parties concordent.
   *[other] { $count } engagements ont reçu le statut sur lequel les deux parties concordent.
}
reconcile-saved = La revue conjointe de { $ref } a été enregistrée.
reconcile-error-state = Les statuts conjoints ne peuvent être enregistrés que pendant le rapprochement ; le cycle est maintenant « { $state } ». Rien n’a été enregistré.
reconcile-list = Engagements
reconcile-record = Enregistrer la revue conjointe
reconcile-edit = Modifier la revue conjointe
reconcile-back = Retour au rapprochement
reconcile-commitment-page = La page de l’engagement, avec tout l’historique
joint-status = Statut conjoint
joint-status-choose = Choisissez un statut
joint-summary-en = Résumé public (anglais)
joint-summary-fr = Résumé public (français)
joint-summary-hint = Une ligne pour le résumé public, 500 caractères au plus.
joint-next-steps = Prochaines étapes convenues
joint-next-steps-en = Prochaines étapes convenues (anglais)
joint-next-steps-fr = Prochaines étapes convenues (français)
joint-next-steps-hint = Facultatif, 5 000 caractères au plus.
joint-save = Enregistrer la revue conjointe
joint-save-anyway = Enregistrer ma version
joint-current = Revue conjointe
joint-none = Pas encore de revue conjointe.
joint-form-heading = Revue conjointe
joint-conflict-title = Enregistrée entre-temps par quelqu’un d’autre
joint-conflict-intro = Cette revue conjointe a été enregistrée après l’ouverture de la page. Votre texte est conservé dans le formulaire : comparez, puis enregistrez votre version pour la remplacer, ou quittez la page pour garder l’autre.
joint-corrected = Un erratum corrige cette revue conjointe : voir l’historique ci-dessous.
joint-error-status = Choisissez le statut conjoint.
joint-error-summary-en = Le résumé anglais doit compter 500 caractères au plus.
joint-error-summary-fr = Le résumé français doit compter 500 caractères au plus.
joint-error-next-steps = Les prochaines étapes en anglais doivent compter 5 000 caractères au plus.
joint-error-next-steps-fr = Les prochaines étapes en français doivent compter 5 000 caractères au plus.
errata-title = Errata
errata-intro = Un cycle gelé ne change plus. Une correction ultérieure est enregistrée ici comme erratum, affiché à côté des données gelées.
errata-none = Aucun erratum n’a été enregistré.
errata-when = Quand et par qui
errata-changes = Ce qui change
errata-reason = Motif
errata-whole-cycle = Le cycle dans son ensemble
errata-not-frozen = Les errata ne sont enregistrés qu’une fois le cycle gelé.
erratum-form-heading = Enregistrer un erratum
erratum-reference = Engagement
erratum-reference-hint = L’engagement sur lequel porte la correction, ou le cycle dans son ensemble.
erratum-status = Statut conjoint corrigé
erratum-unchanged = Inchangé
erratum-unchanged-hint = Laissez vide si inchangé.
erratum-reason-hint = Pourquoi la correction est faite, 2 000 caractères au plus.
erratum-record = Enregistrer l’erratum
erratum-tag = Erratum
erratum-error-reason = Indiquez pourquoi la correction est faite, en 2 000 caractères au plus.
erratum-error-reference = Choisissez un engagement dans la liste.
erratum-error-reference-needed = Choisissez l’engagement auquel se rapportent le statut, le résumé ou les prochaines étapes corrigés.
erratum-error-no-change = Indiquez le statut conjoint, le résumé ou les prochaines étapes corrigés.
cycle-done-erratum = L’erratum a été enregistré.
cycle-error-missing-joint = Le cycle ne peut pas encore être gelé : { $count ->
    [one] 1 engagement n’a
   *[other] { $count } engagements n’ont
} pas de statut conjoint ({ $refs }). Rien n’a été modifié.
cycle-joint-missing = { $count ->
    [0] Chaque engagement a un statut conjoint : le cycle peut être gelé.
    [one] 1 engagement n’a pas encore de statut conjoint.
   *[other] { $count } engagements n’ont pas encore de statut conjoint.
}
cycle-public = C’est le cycle publié que montre le résumé public.
cycle-public-link = Voir le résumé public
cycle-reconciliation = Rapprochement
cycle-reconcile-link = Rapprocher les évaluations des deux parties
cycle-joint-reviews = Les statuts conjoints de ce cycle
cycle-errata-record = Enregistrer un erratum

## Synthèse publique
home-last-dialogue = Dernier dialogue publié
home-next-dialogue = Prochain dialogue
home-none-published = Aucun publié à ce jour
home-none-planned = Pas encore prévu
home-status-heading = Où en sont les engagements
home-counts = Engagements par statut conjoint
home-joint-status = Statut conjoint
home-commitments = Engagements
home-by-area = Par domaine
home-legend = Légende
home-chart-title = Statut conjoint des engagements
home-commitment = Engagement
home-summary = Synthèse
home-corrected = Corrigé
home-not-yet-published = Aucun dialogue n’a encore publié son examen. Le statut conjoint de chaque engagement apparaîtra ici dès la publication du premier examen.
