## Search (issue 12, item 4)
search-hint-reference = A reference such as 25(c), 25c or 30 opens that commitment.
search-area-label = Area
search-any-area = All areas
search-no-reference = The text has no paragraph or item { $reference }: its paragraphs are numbered from 1 to { $last }. Results for the words follow.
