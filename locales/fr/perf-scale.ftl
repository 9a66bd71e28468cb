# Le journal d’audit ne compte les événements que jusqu’à une limite (ticket 16).
audit-more-than = plus de
