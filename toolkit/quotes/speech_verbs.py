"""The lexicon of speech cues: verbs that report what someone said, wrote or announced.

Good attribution systems use a broad (a few hundred lemmas) rather than a handful of
"said"/"told"; rarer verbs ("quipped", "conceded", "cautioned") are where narrow lists lose
quotes. Verbs of mere thought ("believe", "think") are left out: they report no statement.
"""

from __future__ import annotations

SPEECH_VERBS: frozenset[str] = frozenset(
    """
    accept accuse acknowledge add address admit advise advocate affirm agree allege announce answer apologise
    apologize appeal argue articulate ask assert assure attest aver avow babble bark beg bellow blame
    blast blurt boast brag brief call caution celebrate challenge charge chide chime chirp cite claim clarify
    comment complain concede conclude concur condemn confess confide confirm congratulate contend contest
    continue counter criticise criticize cry crow declare decline decry defend demand demur denounce
    deny deplore describe detail disclose dismiss dispute divulge echo elaborate emphasise emphasize
    encourage endorse estimate exclaim explain express forecast gasp grumble guarantee highlight hint hiss
    holler hypothesize imply implore indicate inform inquire insist instruct interject interrupt
    joke lament laud lecture maintain mention moan mumble murmur mutter name nod note notify
    object observe offer opine order outline plead pledge point posit post praise predict proclaim promise
    pronounce propose protest question quip quote rail rant reaffirm reassure rebuke rebut recall
    reckon recommend recount refuse refute reiterate reject rejoin relate remark remind remonstrate repeat reply
    report reprimand request respond restate retort reveal rule say scoff scold scream shout shriek sigh sing
    slam snap snarl sneer sob speak speculate state stipulate stress submit suggest summarise
    summarize swear tease tell testify thank theorize threaten thunder tout tweet underline underscore urge
    utter vent voice vow wail warn welcome whisper wonder write yell acclaim advertise allude anticipate
    attribute bemoan broadcast brand caution characterise characterize chant
    chastise coax command commend communicate contradict convey counsel declaim dictate discuss
    dub enquire enunciate exhort expound forewarn grant groan growl grunt harangue herald
    insinuate intone invite itemize lambast lash pinpoint pontificate portray preach press proffer profess
    prompt pronounce query recap recite reason recite reckon regret relay renounce
    reply reproach reprove respond retract rue shrug signal specify spout stammer stutter
    surmise swear taunt term thank vouch warrant whimper whine admonish bluster caution circulate
    envisage foresee forewarn hail proffer quibble rave rebuff reckon reprimand verify assert attest
    """.split()  # noqa: SIM905 (a readable word list)
)

ACCORDING_TO = ("according", "to")
