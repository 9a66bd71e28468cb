# Le tableau de rapprochement, ses filtres, l’enregistrement sur place et les actions groupées (ticket 11.3).
reconcile-filters = Afficher
reconcile-filter-all = Tous les engagements
reconcile-filter-divergent = Divergents
reconcile-filter-unreviewed = Sans statut conjoint
reconcile-filter-challenges = Avec des difficultés
reconcile-filter-regressed = En recul depuis le cycle précédent
reconcile-filter-unknown = Ce filtre n’existe pas. Choisissez l’un des filtres au-dessus du tableau.
reconcile-showing = { $shown ->
    [one] { $shown } engagement affiché sur { $total }.
   *[other] { $shown } engagements affichés sur { $total }.
}
reconcile-no-rows = Aucun engagement ne correspond à ce filtre.
reconcile-col-commitment = Engagement
reconcile-col-divergence = Divergence
reconcile-narrative-more = Texte complet
reconcile-texts = Résumé et prochaines étapes
reconcile-row-save = Enregistrer
reconcile-row-saved = Enregistré
reconcile-conflict-theirs = Leur statut conjoint :
reconcile-conflict-intro = Votre texte est conservé dans le formulaire. Enregistrez votre version pour remplacer la leur, ou rechargez la page pour garder la leur.
reconcile-live-not-saved = La revue conjointe de { $ref } n’a pas été enregistrée : { $reason }
reconcile-bulk-heading = Actions groupées
reconcile-untouched-heading = Engagements qu’aucune partie n’a évalués
reconcile-untouched-hint = { $count ->
    [0] Chaque engagement a été évalué par au moins une partie ou a un statut conjoint.
    [one] 1 engagement n’a été évalué par aucune partie et n’a pas de statut conjoint.
   *[other] { $count } engagements n’ont été évalués par aucune partie et n’ont pas de statut conjoint.
}
reconcile-untouched-link = Leur attribuer « Pas encore évalué »
reconcile-untouched-title = Attribuer « Pas encore évalué » aux engagements qu’aucune partie n’a évalués
reconcile-untouched-intro = { $count ->
    [one] 1 engagement n’a été évalué par aucune partie. Il recevra le statut conjoint « Pas encore évalué », avec le motif ci-dessous comme ligne de résumé publique, en anglais et en français.
   *[other] { $count } engagements n’ont été évalués par aucune partie. Chacun recevra le statut conjoint « Pas encore évalué », avec le motif ci-dessous comme ligne de résumé publique, en anglais et en français.
}
reconcile-reason-en = Motif (anglais)
reconcile-reason-fr = Motif (français)
reconcile-reason-hint = Affiché dans le résumé public à côté de chacun de ces engagements, jusqu’à 500 caractères.
reconcile-reason-error-en = Indiquez le motif en anglais, en 500 caractères au plus.
reconcile-reason-error-fr = Indiquez le motif en français, en 500 caractères au plus.
reconcile-continue = Continuer
reconcile-untouched-confirm = { $count ->
    [one] Attribuer « Pas encore évalué » à 1 engagement
   *[other] Attribuer « Pas encore évalué » à { $count } engagements
}
reconcile-untouched-confirm-intro = Vérifiez le motif. Chaque engagement de la liste ci-dessous recevra le statut conjoint « Pas encore évalué » avec cette ligne de résumé publique. Chacun pourra encore être modifié ensuite dans le tableau.
reconcile-accept-confirm = { $count ->
    [one] Accepter le statut concordant pour 1 engagement
   *[other] Accepter le statut concordant pour { $count } engagements
}
reconcile-accept-confirm-intro = Chaque engagement de la liste ci-dessous reçoit comme statut conjoint le statut que les deux parties lui ont donné. Chacun pourra encore être modifié ensuite dans le tableau.
reconcile-cancel = Annuler
reconcile-bulk-list = Engagements concernés
reconcile-bulk-nothing = Aucun engagement n’est à modifier.
reconcile-changed = { $count ->
    [0] Rien n’a été enregistré : les engagements ont changé depuis l’ouverture de cette page et il n’en reste aucun à modifier.
    [one] Rien n’a été enregistré : les engagements ont changé depuis l’ouverture de cette page. 1 engagement est désormais concerné ; vérifiez la liste et confirmez de nouveau.
   *[other] Rien n’a été enregistré : les engagements ont changé depuis l’ouverture de cette page. { $count } engagements sont désormais concernés ; vérifiez la liste et confirmez de nouveau.
}
reconcile-recorded = { $count ->
    [one] 1 engagement a reçu le statut conjoint « Pas encore évalué ».
   *[other] { $count } engagements ont reçu le statut conjoint « Pas encore évalué ».
}
