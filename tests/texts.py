"""Short French articles written for the store and CLI tests (titles, then bodies)."""

# a backing, an attack with its weapon and target, a casualty count of zero
BACKING = (
    "Roquettes sur Aïn al-Assad\n\n"
    "Les milices soutenues par l'Iran ont tiré des roquettes sur la base d'Aïn al-Assad. "
    "Aucun blessé n'a été signalé.\n"
)
# a strike by a state's army, and a claim
STRIKE = (
    "Frappe américaine en Syrie\n\n"
    "L'armée américaine a frappé un dépôt d'armes dans l'est de la Syrie. "
    "Le Pentagone a revendiqué l'opération.\n"
)
