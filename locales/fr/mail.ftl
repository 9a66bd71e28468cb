# Courriels (ticket 13) : les courriels, la boîte d’envoi, le formulaire de relance, les réglages du profil.

mail-greeting = Bonjour { $name },
mail-footer = Vous recevez ce courriel parce que vous avez un compte sur le suivi du partenariat UE–Canada. Choisissez la langue de vos courriels et les avis que vous recevez dans votre profil : { $url }
mail-open-cycle = Ouvrir le cycle d’examen
mail-open-commitment = Ouvrir l’engagement

mail-cycle-open-subject = { $title } : les contributions sont ouvertes jusqu’au { $deadline }
mail-cycle-open-body = Le secrétariat a ouvert le cycle d’examen du { $title }. Veuillez enregistrer l’évaluation de votre partie pour chaque engagement dont vous êtes responsable — son état, un exposé lorsqu’il est requis et des liens vers les justificatifs — d’ici le { $deadline }.

mail-reminder-subject = Rappel : { $count ->
    [one] 1 évaluation est attendue
   *[other] { $count } évaluations sont attendues
} d’ici le { $deadline }
mail-reminder-body = L’échéance du { $title } est le { $deadline }, dans { $days ->
    [one] 1 jour
   *[other] { $days } jours
}. Votre partie n’a pas encore évalué { $count ->
    [one] cet engagement
   *[other] ces { $count } engagements
} :

mail-overdue-subject = En retard : { $count ->
    [one] 1 évaluation manque
   *[other] { $count } évaluations manquent
}
mail-overdue-body = L’échéance du { $title } était le { $deadline }. Votre partie n’a toujours pas évalué { $count ->
    [one] cet engagement
   *[other] ces { $count } engagements
} :

mail-chase-subject = Le secrétariat demande { $count ->
    [one] 1 évaluation manquante
   *[other] { $count } évaluations manquantes
}
mail-chase-body = Le secrétariat du { $title } demande à votre partie d’enregistrer { $count ->
    [one] cette évaluation manquante
   *[other] ces { $count } évaluations manquantes
} (échéance le { $deadline }) :

mail-deadline-passed-subject = { $title } : l’échéance des contributions est passée
mail-deadline-passed-body = L’échéance des contributions du { $title } était le { $deadline }. L’Union européenne a évalué { $eu } et le Canada { $ca } engagements sur { $total }.

mail-signed-off-subject = { $title } : les deux parties ont validé leurs contributions
mail-signed-off-body = Les deux parties ont validé leurs contributions au { $title } comme complètes. Le cycle peut passer au rapprochement.

mail-divergent-subject = Engagement { $ref } : les états des deux parties divergent
mail-divergent-body = Dans le { $title }, l’Union européenne indique désormais « { $eu } » et le Canada « { $ca } » pour l’engagement { $ref }. Le secrétariat les rapprochera ; vous pouvez en parler avec le responsable de l’autre partie.

mail-kind-cycle-open = Ouverture d’un cycle d’examen
mail-kind-reminder = Rappels avant l’échéance
mail-kind-overdue = Avis de retard
mail-kind-chase = Demandes du secrétariat
mail-kind-deadline-passed = L’échéance des contributions est passée (secrétariat)
mail-kind-signed-off = Les deux parties ont validé (secrétariat)
mail-kind-divergent = Un engagement dont vous êtes responsable devient divergent

outbox-title = Boîte d’envoi
outbox-intro = Chaque courriel est d’abord mis en file ici, dans la transaction de la modification qui le provoque, puis envoyé une seule fois par l’instance qui le prend en charge.
outbox-no-server = Aucun serveur de messagerie n’est configuré (SDP_SMTP_URL) : les courriels attendent ici.
outbox-caption = Les derniers courriels
outbox-filter = Afficher
outbox-filter-all = Tous
outbox-state-queued = En file
outbox-state-sending = En cours d’envoi
outbox-state-sent = Envoyé
outbox-state-failed = Échec
outbox-to = Destinataire
outbox-subject = Objet
outbox-kind = Type
outbox-state = État
outbox-created = Mis en file le
outbox-attempts = Tentatives
outbox-error = Dernière erreur
outbox-sent-at = Envoyé le
outbox-next = Prochaine tentative
outbox-retry = Réessayer
outbox-text = Texte du courriel
outbox-empty = Aucun courriel n’a été mis en file.
outbox-done-retried = Le courriel sera renvoyé sous peu.
outbox-error-retry = Ce courriel a été envoyé ou est en cours d’envoi : il n’est pas renvoyé.
outbox-warning = Attention
outbox-show = Afficher

chase-heading = Relancer les contributions manquantes
chase-intro = Envoie à chaque responsable de la partie choisie la liste de ses évaluations manquantes, dans sa langue.
chase-side = Partie
chase-officers = Responsables
chase-officers-hint = Ne cochez rien pour écrire à chaque responsable de la partie à qui il manque quelque chose.
chase-submit = Envoyer les rappels
chase-done = Les rappels ont été mis en file : chaque responsable choisi à qui il manque quelque chose reçoit sa liste. La boîte d’envoi les montre.
chase-error-side = Choisissez une partie.
chase-error-officers = Choisissez des responsables de la partie choisie.

profile-mail-heading = Courriels
profile-mail-lang = Langue de vos courriels
profile-mail-kinds = Avis que vous recevez
profile-mail-kinds-hint = L’ouverture d’un cycle, les avis de retard et les demandes du secrétariat sont toujours envoyés.
profile-mail-save = Enregistrer les réglages
profile-mail-saved = Vos réglages de courriel ont été enregistrés.
profile-mail-error-lang = Choisissez l’anglais ou le français.
