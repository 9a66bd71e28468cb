# L’aller-retour par tableur (ticket 14) : le texte du tableur, les pages, les messages.

## Le tableur
sheet-name-assessments = Évaluations
sheet-name-joint = Revues conjointes
sheet-name-instructions = Instructions
sheet-identity-note = Ne modifiez pas cette ligne : elle indique le cycle et la partie du tableur.
sheet-col-reference = Référence
sheet-col-area = Domaine
sheet-col-commitment = Engagement
sheet-col-eu-status = Statut UE
sheet-col-ca-status = Statut Canada
sheet-col-status = Statut
sheet-col-joint-status = Statut conjoint
sheet-col-narrative = Exposé
sheet-col-evidence = Liens justificatifs (un par ligne)
sheet-col-summary-en = Résumé public (anglais)
sheet-col-summary-fr = Résumé public (français)
sheet-col-next-steps-en = Prochaines étapes (anglais)
sheet-col-next-steps-fr = Prochaines étapes (français)
sheet-col-version = Version (ne pas modifier)
sheet-validation-title = Statut inconnu
sheet-validation-message = Choisissez un statut dans la liste.
sheet-help-title = Comment remplir ce tableur
sheet-help-1 = Ce classeur sert à la fois au téléchargement et au dépôt : gardez sa structure. N’ajoutez, ne supprimez, ne renommez et ne déplacez aucune colonne, et ne modifiez ni la première ligne ni le nom des feuilles.
sheet-help-side-2 = Pour chaque engagement, choisissez le statut de votre partie dans la liste de la colonne Statut et rédigez un exposé. Un exposé est obligatoire pour les statuts signalés ci-dessous.
sheet-help-side-3 = Liens justificatifs : un lien par ligne, commençant par https:// ou http://. Un libellé peut suivre le lien après une espace.
sheet-help-side-4 = Laissez une ligne telle quelle pour garder son évaluation actuelle. Chaque ligne modifiée devient une nouvelle révision, enregistrée à votre nom.
sheet-help-joint-2 = Pour chaque engagement, choisissez le statut conjoint et rédigez le résumé public et les prochaines étapes convenues, en anglais et en français. Les statuts des parties sont indiqués pour information.
sheet-help-joint-3 = Laissez une ligne telle quelle pour garder sa revue conjointe actuelle. Chaque ligne modifiée devient une nouvelle révision, enregistrée à votre nom.
sheet-help-5 = La colonne Version indique la version enregistrée de chaque ligne au moment du téléchargement : ne la modifiez pas. Si quelqu’un enregistre un engagement après votre téléchargement, votre modification de cette ligne est refusée et les deux valeurs sont affichées : rien n’est écrasé.
sheet-help-6 = Vous pouvez enregistrer le tableur en XLSX ou en CSV (UTF-8). Les formules ne sont jamais calculées au dépôt : seules les valeurs affichées par votre tableur sont lues.
sheet-help-7 = Déposez le fichier sur la page Tableurs du cycle. Vous verrez un aperçu de chaque modification avant tout enregistrement.
sheet-help-scale = L’échelle des statuts
sheet-help-needs-narrative = exposé obligatoire

## Le tableur de qui
sheet-kind-eu = Évaluations de l’UE
sheet-kind-ca = Évaluations du Canada
sheet-kind-joint = Revues conjointes

## La page
sheets-title = Tableurs
sheets-link = Tableurs : télécharger et déposer
sheets-lead = Téléchargez les évaluations dans un tableur, modifiez-les hors ligne avec vos collègues, puis déposez le fichier. Vous verrez un aperçu avant tout enregistrement.
sheets-download-heading = Télécharger
sheets-download-none = Votre compte ne peut pas télécharger de tableur.
sheets-upload-heading = Déposer
sheets-upload-label = Fichier du tableur
sheets-upload-hint = Le fichier XLSX téléchargé, ou le même tableur enregistré en CSV (UTF-8). Au plus { $max } Ko.
sheets-upload-button = Déposer et prévisualiser
sheets-upload-none = Votre compte ne peut pas déposer de tableur.
sheets-upload-missing = Choisissez un fichier à déposer.
sheets-upload-unreadable = Le dépôt n’a pas pu être lu. Choisissez à nouveau le fichier.
sheets-applied = { $count ->
    [one] Une modification a été enregistrée.
   *[other] { $count } modifications ont été enregistrées.
}
sheets-applied-skipped = { $count ->
    [one] Une ligne comportant des erreurs a été laissée de côté.
   *[other] { $count } lignes comportant des erreurs ont été laissées de côté.
}

## L’aperçu
preview-title = Aperçu de { $file }
preview-caption = { $what }, cycle { $year }
preview-summary-changes = { $count ->
    [one] Une nouvelle révision
   *[other] { $count } nouvelles révisions
}
preview-summary-unchanged = { $count ->
    [one] Une ligne inchangée
   *[other] { $count } lignes inchangées
}
preview-summary-errors = { $count ->
    [one] Une ligne comportant des erreurs
   *[other] { $count } lignes comportant des erreurs
}
preview-expires = Cet aperçu peut être appliqué jusqu’à { $time }.
preview-table-caption = Lignes modifiées ou comportant des erreurs
preview-row-line = (ligne { $line })
preview-outcome-change = Nouvelle révision
preview-outcome-unchanged = Inchangée
preview-outcome-error = Erreur
preview-from-to = { $from } → { $to }
preview-nothing = (aucun)
preview-stale-yours = Dans votre tableur : { $status }
preview-stale-theirs = Enregistré maintenant (version { $version }) : { $status }
preview-apply = Appliquer les modifications
preview-apply-valid = Appliquer uniquement les lignes valides
preview-apply-valid-hint = Les lignes comportant des erreurs sont laissées de côté ; corrigez-les dans le tableur et déposez-le à nouveau.
preview-errors-block = Rien ne peut être appliqué tant que des lignes comportent des erreurs, sauf si vous choisissez d’appliquer uniquement les lignes valides.
preview-no-changes = Le tableur ne modifie rien.
preview-applied = Ce dépôt a été appliqué.
preview-upload-again = Déposer un autre fichier

## Problèmes de ligne
sheet-row-unknown-reference = Aucun engagement ne porte cette référence.
sheet-row-duplicate = Cet engagement figure déjà à la ligne { $line }.
sheet-row-version = La cellule de version a été modifiée : téléchargez à nouveau le tableur.
sheet-row-status = « { $text } » n’est pas un statut de l’échelle.
sheet-row-stale = Quelqu’un a enregistré la version { $version } de cet engagement après votre téléchargement : votre modification est refusée.

## Erreurs
sheet-error-empty = Le fichier est vide.
sheet-error-too-large = Le fichier est trop volumineux : au plus { $max } Ko.
sheet-error-not-spreadsheet = Le fichier n’est ni un classeur XLSX ni un fichier CSV téléchargé depuis cette page.
sheet-error-bomb = Le classeur se décompresse en bien plus qu’un tableur de ce type : il a été refusé.
sheet-error-unreadable = Le classeur est illisible : enregistrez-le à nouveau en XLSX.
sheet-error-no-data-sheet = Le classeur n’a pas de feuille nommée { $expected } (il a : { $found }). Ne renommez pas les feuilles.
sheet-error-encoding = Un fichier CSV doit être enregistré en texte UTF-8.
sheet-error-identity = La ligne 1 n’est pas celle qui ouvre le téléchargement : elle indique le cycle et la partie du tableur. Téléchargez à nouveau le tableur.
sheet-error-header = Colonne { $column } : l’en-tête devrait être « { $expected } », et non « { $found } ». N’ajoutez, ne supprimez et ne déplacez aucune colonne.
sheet-error-extra-column = La colonne { $column } (« { $found } ») n’est pas une colonne de ce tableur.
sheet-error-stray-value = Ligne { $row }, colonne { $column } : une valeur dans une colonne sans en-tête.
sheet-error-too-many-rows = Le tableur a plus de { $max } lignes.
sheet-error-wrong-cycle = Ce tableur est celui du cycle { $found }, et non du cycle { $expected }.
sheet-error-forbidden-side = Ce tableur contient les évaluations d’une partie pour laquelle vous n’écrivez pas : seuls les agents de cette partie peuvent le déposer.
sheet-error-forbidden-joint = Seul le secrétariat peut déposer les revues conjointes.
sheet-error-state-side = Les évaluations ne peuvent être enregistrées que pendant que le cycle est ouvert aux contributions.
sheet-error-state-joint = Les revues conjointes ne peuvent être enregistrées que pendant le rapprochement.
sheet-error-expired = Ce dépôt a expiré : déposez à nouveau le fichier.
sheet-error-applied = Ce dépôt a déjà été appliqué.
sheet-error-hash = Le fichier ne correspond pas à celui de l’aperçu : déposez-le à nouveau.
sheet-error-has-errors = { $count ->
    [one] Une ligne comporte des erreurs : rien n’a été appliqué. Corrigez-la, ou appliquez uniquement les lignes valides.
   *[other] { $count } lignes comportent des erreurs : rien n’a été appliqué. Corrigez-les, ou appliquez uniquement les lignes valides.
}
sheet-error-conflict = La ligne { $line } ({ $reference }) a été modifiée par quelqu’un d’autre depuis l’aperçu : rien n’a été appliqué. Consultez à nouveau l’aperçu.
