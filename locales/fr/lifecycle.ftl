# Corriger un cycle d’examen, supprimer un cycle jamais ouvert, et des changements d’état qui disent ce qu’ils font
# (ticket 11, points 1 et 2).

lifecycle-error-meeting-year = La date du Dialogue doit tomber dans l’année du cycle.
lifecycle-error-transition = Ce changement n’est pas possible : un cycle avance d’une étape à la fois, et seul un cycle en rapprochement peut être rouvert aux contributions. Figer et publier un cycle est définitif.
lifecycle-error-immutable = Ce cycle est à l’état « { $state } » : ses dates, ses titres et son lieu ne peuvent plus changer. Consignez un erratum pour corriger ce qu’il montre.
lifecycle-error-was-opened = Ce cycle a été ouvert aux contributions : il ne peut pas être supprimé. Corrigez plutôt ses dates, ses titres ou son lieu.

lifecycle-done-edited = Les informations du cycle ont été corrigées.
lifecycle-done-unchanged = Rien n’a changé : le cycle avait déjà ces informations.
lifecycle-done-reopened = Le cycle est de nouveau ouvert aux contributions.
lifecycle-done-deleted = Le cycle a été supprimé.

lifecycle-back = Retour au cycle
lifecycle-cancel = Annuler
lifecycle-now = État actuel du cycle
lifecycle-warning = Avertissement
lifecycle-one-way = Cette action est définitive.

lifecycle-moves-heading = Modifier le cycle
lifecycle-moves-hint = Vous verrez ce que fait un changement d’état, et le confirmerez, avant que rien ne change. Figer et publier un cycle est définitif ; un cycle en rapprochement peut être rouvert aux contributions tant qu’il n’est pas figé.
lifecycle-reopen-button = Rouvrir aux contributions
lifecycle-edit-link = Corriger les dates, les titres ou le lieu
lifecycle-delete-link = Supprimer ce cycle

lifecycle-confirm-title = Passer le cycle { $year } à l’état « { $state } » ?
lifecycle-reopen-title = Rouvrir le cycle { $year } aux contributions ?
lifecycle-confirm-button = Oui, passer à l’état « { $state } »
lifecycle-open-now = Les contributions s’ouvrent maintenant pour les deux parties : les responsables peuvent enregistrer leurs évaluations jusqu’à la date limite, le { $deadline }.
lifecycle-close-now = Les contributions se ferment maintenant pour les deux parties : les responsables ne peuvent plus enregistrer leurs évaluations.
lifecycle-missing-eu = { $missing ->
    [one] { $missing } engagement sur { $total } n’a pas d’évaluation de l’UE.
   *[other] { $missing } engagements sur { $total } n’ont pas d’évaluation de l’UE.
}
lifecycle-missing-ca = { $missing ->
    [one] { $missing } engagement sur { $total } n’a pas d’évaluation du Canada.
   *[other] { $missing } engagements sur { $total } n’ont pas d’évaluation du Canada.
}
lifecycle-close-reopen = Le secrétariat peut rouvrir les contributions tant que le cycle n’est pas figé.
lifecycle-deadline-in = { $days ->
    [0] La date limite est aujourd’hui.
    [one] La date limite est demain.
   *[other] La date limite est dans { $days } jours.
}
lifecycle-deadline-passed = { $days ->
    [one] La date limite était hier.
   *[other] La date limite est passée depuis { $days } jours.
}
lifecycle-reopen-now = Les contributions rouvrent maintenant pour les deux parties : les responsables peuvent de nouveau enregistrer leurs évaluations jusqu’à la date limite, le { $deadline }.
lifecycle-reopen-extend = Corrigez d’abord la date limite du cycle si les responsables ont besoin de plus de temps : leurs enregistrements ne sont pas refusés, mais ils apparaîtront en retard.
lifecycle-reopen-joint = Les statuts conjoints déjà consignés restent tels quels ; rapprochez de nouveau ce qui change.
lifecycle-freeze-now = Les statuts conjoints ne peuvent plus changer, ni les dates, les titres et le lieu du cycle : les corrections ultérieures sont consignées comme errata.
lifecycle-missing-joint = { $missing ->
    [one] { $missing } engagement sur { $total } n’a pas de statut conjoint.
   *[other] { $missing } engagements sur { $total } n’ont pas de statut conjoint.
}
lifecycle-publish-now = Le résumé public montrera à tous les statuts conjoints et les résumés publics de ce cycle, à la place du dernier cycle publié. Les exposés et les prochaines étapes restent internes.

lifecycle-edit-title = Corriger le cycle { $year }
lifecycle-edit-intro = Tant que le cycle n’est pas figé, ses dates, ses titres et son lieu peuvent être corrigés ; chaque correction figure dans l’historique du cycle. L’année ne change pas : un cycle créé sous la mauvaise année peut être supprimé, s’il n’a jamais été ouvert, puis créé de nouveau.
lifecycle-edit-save = Enregistrer les corrections
lifecycle-edit-errata = Consigner plutôt un erratum
lifecycle-delete-heading = Supprimer le cycle
lifecycle-delete-hint = Il n’a jamais été ouvert aux contributions : il peut encore être supprimé.

lifecycle-delete-title = Supprimer le cycle { $year } ?
lifecycle-delete-intro = Il n’a jamais été ouvert : il ne contient aucune évaluation, aucun statut conjoint ni aucun erratum. La suppression est consignée dans le journal d’audit.
lifecycle-delete-button = Oui, supprimer le cycle

lifecycle-history = Historique
lifecycle-history-empty = Le cycle n’a pas changé depuis sa création.
lifecycle-history-reopened = Rouvert
lifecycle-history-corrected = Informations corrigées
lifecycle-history-none = (aucun)
