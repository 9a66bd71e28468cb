# Contributions à relancer, et validation de chaque partie (demande 11, point 5).
submissions-heading = Contributions manquantes
submissions-csv-intro = Télécharger la liste en tableur (CSV)
submissions-csv-both = les deux parties
submissions-no-lead = Aucun responsable
submissions-none = Cette partie a enregistré tous les engagements.
submissions-count = { $count ->
    [one] { $count } engagement
   *[other] { $count } engagements
}
submissions-missing-eu = { $count ->
    [one] { $count } engagement n’a pas encore d’évaluation de l’UE.
   *[other] { $count } engagements n’ont pas encore d’évaluation de l’UE.
}
submissions-missing-ca = { $count ->
    [one] { $count } engagement n’a pas encore d’évaluation du Canada.
   *[other] { $count } engagements n’ont pas encore d’évaluation du Canada.
}
submissions-complete = Complète
submissions-not-signed = Non validée
submissions-signed = Validée par { $name } le { $when }
submissions-signoff-hint = Indiquez au secrétariat que la contribution de votre partie pour ce cycle est complète. Un enregistrement ultérieur de votre partie la rouvre.
submissions-signoff-eu = Valider la contribution de l’UE comme complète
submissions-signoff-ca = Valider la contribution du Canada comme complète
submissions-confirm-title = Valider votre contribution comme complète ?
submissions-warning = Avertissement
submissions-confirm-text = Valider quand même ? Le secrétariat verra la contribution de votre partie comme complète. Un enregistrement ultérieur de votre partie la rouvre.
submissions-confirm-button = Valider quand même
submissions-cancel = Annuler
submissions-back = Retour au cycle d’examen
submissions-done-signoff = La contribution de votre partie a été validée comme complète.
submissions-refused-closed = Une contribution ne peut être validée que pendant que le cycle d’examen est ouvert.
submissions-dashboard-heading = Contributions validées
submissions-dashboard-link = Contributions manquantes et validation
submissions-csv-side = Partie
submissions-csv-lead = Responsable
submissions-csv-email = Courriel
submissions-csv-reference = Référence
submissions-csv-title = Titre
submissions-csv-area = Domaine
submissions-csv-bad-side = La partie doit être eu ou ca.
submissions-show = Afficher les engagements
