## Recherche (ticket 12, point 4)
search-hint-reference = Une référence comme 25(c), 25c ou 30 ouvre l’engagement correspondant.
search-area-label = Domaine
search-any-area = Tous les domaines
search-no-reference = Le texte n’a pas de paragraphe ou de point { $reference } : ses paragraphes sont numérotés de 1 à { $last }. Voici les résultats pour les mots saisis.
