"""Word lists the attribution stages share: reporting cues, role nouns, pronouns.

The reporting verbs start from the Recasens et al. (2013) report-verb list and add the
verbs news writers use to introduce speech ("underline", "pointed out", "summed up").
"""

from __future__ import annotations

__all__ = ["SPEECH_VERBS", "BELIEF_VERBS", "CUE_PHRASES", "ROLE_NOUNS", "PERSON_PRONOUNS", "TITLE_WORDS"]

# Lemmas of verbs that report what someone said or wrote.
SPEECH_VERBS = frozenset(
    """
    say tell add state note stress insist explain remark declare announce claim argue assert
    affirm reaffirm emphasise emphasize underline underscore point observe mention recall
    reply respond answer ask warn caution urge vow pledge promise threaten predict suggest
    acknowledge admit concede confirm deny reject dismiss disagree agree complain lament
    write tweet post report reveal disclose describe call praise criticise criticize condemn
    denounce accuse blame charge hail welcome thank announce told testify recount recollect
    maintain contend counter retort continue conclude sum summarise summarize quote cite
    order demand propose advise recommend estimate forecast assure reassure boast joke muse
    shout scream whisper exclaim cry lash rule proclaim stated speak talk dub label term brand
    """.split()
)
# Lemmas of verbs that report a belief or thought (PolNeAR counts them; we mark them).
BELIEF_VERBS = frozenset("believe think feel hope fear expect doubt suspect assume know consider surmise reckon".split())
# Multi-word cues matched on the lower-cased text before a quote or clause.
CUE_PHRASES = ("according to", "in the words of", "as quoted by", "quoted as saying", "in a statement", "in a tweet")

# Nouns that name a role a person holds: heads of descriptors ("the Leader", "Iran's
# hardline leader", "the US president", "the noted commander").
ROLE_NOUNS = frozenset(
    """
    leader president minister premier chancellor king queen prince princess monarch emir
    sheikh ayatollah cleric imam pope general commander colonel major captain lieutenant
    admiral marshal officer chief head director secretary spokesman spokeswoman spokesperson
    official ambassador envoy diplomat senator congressman congresswoman representative
    governor mayor judge justice prosecutor lawyer attorney chairman chairwoman chair ceo
    founder dean professor doctor scientist engineer analyst expert adviser advisor aide
    candidate nominee lawmaker legislator politician deputy speaker martyr hero father mother
    son daughter wife husband brother sister widow survivor witness resident worker operator
    activist campaigner protester organiser organizer
    """.split()
)
PERSON_PRONOUNS = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f", "they": "p", "them": "p", "their": "p"}

# Words of a title or honorific that may stand before a name ("Lt. General", "Ayatollah
# Seyed"); a mention is widened over them so it names the person as the text does.
TITLE_WORDS = frozenset(
    """
    ayatollah grand seyed seyyed sayyid sayed hojatoleslam imam sheikh haj hajj haji martyr
    shahid lt. lt lieutenant general gen. gen brigadier major maj. commander colonel col.
    captain capt. sgt. sergeant admiral adm. supreme leader president minister secretary
    senator sen. rep. representative governor gov. mayor judge dr. dr doctor prof. professor
    mr. mrs. ms. mr mrs ms miss sir dame lord king queen prince princess pope rev. reverend
    former late chief prime foreign vice deputy
    """.split()
)
