# Fonctions des agents (ticket 12, points 1 à 3) : liste des engagements, liste des domaines,
# tableau de bord selon l’état du cycle, liens supplémentaires du formulaire, message de conflit.

## Navigation et liste des engagements (/app/commitments)
nav-commitments = Engagements
list-title-page = Tous les engagements
list-title = Intitulé
list-commitment = Domaine et engagement
list-area = Domaine
list-joint = Statut commun
list-leads = Responsables
list-lead-eu = UE
list-lead-ca = Canada
list-text-lang = Langue du texte
list-filter-status = Statut (l’une ou l’autre partie)
list-filter-only = Afficher seulement
list-filter-missing = Ma partie ne l’a pas encore évalué
list-filter-divergent = Les deux parties divergent
list-clear = Effacer les filtres
list-csv = Télécharger cette liste (CSV)
list-error-area = Ce domaine n’existe pas.
list-error-status = Ce statut n’existe pas.
list-error-sort = La liste ne peut pas être triée selon cette colonne.
list-error-order = L’ordre est croissant (asc) ou décroissant (desc).
list-error-flag = Un filtre est activé (1) ou absent.

## Domaines (/app/areas)
areas-title = Domaines du partenariat
areas-all-commitments = Tous les engagements, en une seule liste
areas-count = { $count ->
    [one] 1 engagement
   *[other] { $count } engagements
}

## Le tableau de bord selon l’état du cycle (/app)
dashboard-planned = Les contributions s’ouvrent le { $opens }. Il vous sera alors demandé d’évaluer les engagements de votre partie — un statut, un commentaire si nécessaire et des liens justificatifs — avant le { $deadline }.
dashboard-reconciliation-since = Contributions closes depuis le { $date } : le secrétariat rapproche les évaluations des deux parties.
dashboard-reconciliation = Contributions closes (l’échéance était le { $deadline }) : le secrétariat rapproche les évaluations des deux parties.
dashboard-read-only = Les évaluations ne peuvent plus être modifiées ; cette page se consulte.
dashboard-frozen-since = Figé depuis le { $date } : les évaluations et les statuts communs sont définitifs, et le rapport est en préparation.
dashboard-frozen = Figé : les évaluations et les statuts communs sont définitifs, et le rapport est en préparation.
dashboard-published-since = Publié le { $date }.
dashboard-published = Publié.
dashboard-report = Lire le rapport d’étape
dashboard-my-progress = Avancement de ma partie
dashboard-my-progress-count = { $saved ->
    [one] { $saved } engagement évalué sur { $total }
   *[other] { $saved } engagements évalués sur { $total }
}
dashboard-due-mine = Engagements dont vous êtes responsable
dashboard-missing-list = Les voir dans la liste des engagements

## La page d’un engagement sans formulaire
noform-title = Pourquoi il n’y a pas de formulaire
noform-no-cycle = Aucun cycle d’examen n’existe encore. Le formulaire d’évaluation de votre partie apparaîtra ici dès que le secrétariat ouvrira un cycle.
noform-planned = Les contributions s’ouvrent le { $opens }. Le formulaire d’évaluation de votre partie apparaîtra ici à cette date ; l’échéance est le { $deadline }.
noform-reconciliation = Les contributions sont closes (l’échéance était le { $deadline }). Le secrétariat rapproche les évaluations des deux parties, qui ne peuvent plus être modifiées ; pour corriger la vôtre, adressez-vous au secrétariat.
noform-frozen = Ce cycle est figé : les évaluations et les statuts communs sont définitifs. Une correction ultérieure est enregistrée par le secrétariat comme erratum.
noform-published = Le rapport de ce cycle a été publié. Une correction ultérieure est enregistrée par le secrétariat comme erratum.
noform-reader = Votre compte permet de lire toutes les évaluations ; seuls les agents de chaque partie enregistrent l’évaluation de leur partie.

## Le formulaire d’évaluation : d’autres liens, et qui a enregistré entre-temps
evidence-add = Ajouter un autre lien
evidence-max-reached = Vous avez ajouté le nombre maximal de liens d’une évaluation ({ $max }). Retirez-en un pour en ajouter un autre.
conflict-by-you = Vous avez enregistré cette version le { $at }, dans une autre fenêtre.
conflict-by-other = { $who } a enregistré cette version le { $at }.
