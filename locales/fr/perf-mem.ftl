# Bornes de mémoire (ticket 16) : les téléchargements de rapports attendent leur tour de rendu.

report-busy = Trop de fichiers de rapport sont en préparation en ce moment. Réessayez dans quelques secondes.
