"""The words around the filters: filler, greetings, help, place markers, negation, lists,
and request words that PlugShare cannot filter on."""

from __future__ import annotations

from .meaning import Kind, MarkerUse, Meaning


def words(block: str) -> list[str]:
    """Words of a whitespace-separated block."""
    return block.split()


FILLER = Meaning(Kind.FILLER)
JOINER = Meaning(Kind.FILLER, joiner=True)
GREETING = Meaning(Kind.GREETING)
HELP = Meaning(Kind.HELP)
HERE = Meaning(Kind.HERE)
RELATIVE_PLACE = Meaning(Kind.RELATIVE_PLACE)
NEGATOR = Meaning(Kind.NEGATOR)
CONJUNCTION = Meaning(Kind.CONJUNCTION, joiner=True)
OR = Meaning(Kind.CONJUNCTION)
IGNORE = Meaning(Kind.IGNORE)
# No provider filter either, but ChargeBot applies these to the results itself.
OPEN_NOW = Meaning(Kind.IGNORE, label="open now", open_at="now")
OPEN_247 = Meaning(Kind.IGNORE, label="open 24/7", open_at="24/7")
OPEN_AT = Meaning(Kind.IGNORE, label="open at", open_at="at")
CHEAPEST = Meaning(Kind.IGNORE, label="cheapest", sort="price")
OPEN_AT_NOON = Meaning(Kind.IGNORE, label="open at noon", open_at="12:00")
OPEN_AT_MIDNIGHT = Meaning(Kind.IGNORE, label="open at midnight", open_at="00:00")
NEAREST = Meaning(Kind.NEAREST)
NOUN = Meaning(Kind.NOUN)
NOUN_PLURAL = Meaning(Kind.NOUN, plural=True)
STATION = Meaning(Kind.NOUN, tail=True)
# Filler that also ends names when capitalized: "Pike Place", "Hunters Point".
NAME_ENDING = Meaning(Kind.FILLER, tail=True)
MARKER = Meaning(Kind.MARKER)
INNER_MARKER = Meaning(Kind.MARKER, joiner=True)  # "Union Station in Denver"
MARKER_AFTER_RADIUS = Meaning(Kind.MARKER, marker=MarkerUse.AFTER_RADIUS, joiner=True)
MARKER_AFTER_NEAREST = Meaning(Kind.MARKER, marker=MarkerUse.AFTER_NEAREST)
MARKER_BETWEEN = Meaning(Kind.MARKER, marker=MarkerUse.BETWEEN)

FILLER_WORDS = words(
    """
a an the some any all every each me my i im i'm ive i've id i'd we us our ours you your
yours u ur can could would will should shall may might must do does did done dont don't
doesnt doesn't didnt didn't have has had having got get gets getting give gimme find
finding show showing search searching look looking lookup locate list display tell let
lets let's need needs needed want wants wanted wanna gonna like would love prefer see
where wheres where's what whats what's which who how hows how's when is are am was were be
been being isnt isn't arent aren't there theres there's that thats that's this these those
it its it's they them their theyre they're for with w without to from into onto also too
just only exclusively solely strictly purely ones one else other another more something
anything somewhere anywhere someplace kind sort type types kinds ev evs electric
electrical vehicle vehicles car cars auto bev phev charge charged recharge plug
plugs plugged port ports outlet outlets socket sockets connector connectors evse evses
equipment pump pumps point points spot spots place places location locations option
options result results listing listings site sites unit units power powered juice top up
topping so then than as if but yet either both neither currently right now still really
actually maybe possibly perhaps probably please ok okay hmm um uh well anyway btw fyi
quick quickly asap question hoping trying try check recommend suggest suggestions
recommendations accept accepts accepting support supports supporting supported compatible
work works working use using used uses own drive driving going go head heading stop
stopping stay staying visit visiting area vicinity region range distance radius away far
within inside located situated sorted sort order ordered by interested filter filters query request
info information details network networks over above under below less fewer greater
higher lower roughly
approximately approx level lvl thing things stuff etc whatever general generally nearby
close closer around near here there sae first last next
"""
)

# Words that may sit inside a place name between its words: "Bank of America",
# "Place de la Concorde", "Frankfurt am Main", "Barnes & Noble".
JOINER_WORDS = words(
    """
of the de la le les del della dei des du da do dos das di von van der den am upon sur en y
e on
"""
)

GREETING_PHRASES = """
hi|hello|hey|heya|hiya|howdy|yo|sup|greetings|good morning|good afternoon|good evening|
good day|hi there|hey there|hello there|thanks|thank you|thanks a lot|thank u|thx|ty|tx|
cheers|pls|plz|please|kindly|dear|bot|chargebot|charge bot|hola|bonjour|hallo|ciao|
thanks in advance|ta|much appreciated|appreciated
"""

HELP_PHRASES = """
help|halp|usage|commands|command|instructions|examples|example|how does this work|
how do i use this|how do i use you|how to use|what can you do|what do you do|
what can i ask|what can i say|how does it work|manual|docs|documentation|tutorial|
about|options|menu|h
"""

HERE_PHRASES = """
near me|near here|around me|around here|close to me|close by|closeby|near by|by me|
next to me|near my location|near my current location|near where i am|where i am|
where im at|my location|current location|my current location|in my area|in the area|
in this area|around this area|in the vicinity|locally|local|close|
close to here|not far|not too far|not far away|in my vicinity|my area|this area|
here|right here|from here|from me|my position|current position
"""

RELATIVE_PLACE_PHRASES = """
near home|near my home|at home|at my home|by my home|around home|near my house|
at my house|by my house|near my place|at my place|near work|at work|near my work|
near my office|at my office|near the office|at the office|at my job|near my job|
near my apartment|at my apartment|near my hotel|at my hotel|near my school|at school
"""

NEGATOR_PHRASES = """
no|not|non|except|except for|excluding|exclude|without|w/o|but not|other than|
anything but|anything except|avoid|avoiding|skip|skipping|minus|aside from|apart from|
never|nothing from|none from|dont want|don't want|do not want|dont show|don't show|
do not show|not on|no more|leave out|ignore|ignoring
"""

CONJUNCTION_PHRASES = "and|&|plus|as well as|along with|and also|or|and/or|nor|either"

#: Request words PlugShare has no filter for: the reply says they were ignored.
IGNORE_PHRASES = """
price|prices|pricing|cost|costs|paid|not free|pay|fastest|quickest|
faster|best|better|good|great|nice|reliable|reliability|highly rated|well rated|
top rated|best rated|good reviews|reviews|review|popular|busiest|least busy|quiet|
open late|hours|
rv park|rv parks|campground|campgrounds|campsite|campsites|truck stop|truck stops|
covered|indoor|outdoor|
underground|garage|well lit|lit|safe|secure|security|shaded|shade|pull through|
pull-through|accessible|wheelchair|handicap|ada|solar|renewable|green|clean|tomorrow|
tonight|today|this morning|this afternoon|this evening|morning|afternoon|evening|night|
weekend|this weekend|later|soon|minutes|minute|mins|min|hours|hour|hrs|hr|walking|
walking distance|drive time|route|on my route|on the way|along the way|along my route|
road trip|trip|directions|on my way|my way|on our way|along my way|
navigate|adapter|adapters|universal|slow|slowest|new|newest|
recent|recently|unlimited|idle fee|idle fees|membership|app|rfid|credit card|
contactless|pay by card|ac|stars|star|ratings|rating|rated|score|plugscore|plug score|
kw|kwh|kilowatt|kilowatts|amps|amp|volts|voltage|speed|max|maximum|minimum|limit
"""

#: Opening hours and price order, which ChargeBot checks on the results itself.
OPEN_NOW_PHRASES = """
open|open now|opened|open right now|currently open|open currently|open at the moment|
open today|that are open|which are open|still open
"""
OPEN_247_PHRASES = """
24/7|24x7|24 hours|24 hour|24-hour|24h|24hr|24hrs|open 24/7|open 24x7|open 24 hours|
open 24h|open 24hrs|open all day|24 hours a day|open around the clock|around the clock|
always open|open all night
"""
OPEN_AT_PHRASES = "open at|opened at|open by|open before|still open at"
CHEAPEST_PHRASES = """
cheap|cheapest|cheaper|inexpensive|affordable|low cost|lowest cost|low price|
lowest price|least expensive|lowest priced|best price|by price|sort by price|
sorted by price|order by price|ordered by price|cheapest first
"""

NEAREST_PHRASES = "nearest|closest|the nearest|the closest|nearest one|closest one"

NOUN_PHRASES = """
charger|charging|charging station|charging point|charge point|charging spot|
charging location|charging port|charging plug|ev charger|ev charging|ev station|
ev charging station|electric vehicle charging|recharging|recharging station|
plugin
"""

NOUN_PLURAL_PHRASES = """
chargers|stations|charging stations|charging points|charge points|charging spots|
charging locations|ev chargers|ev stations|ev charging stations|recharging stations|
ones
"""

# "station" ends a place name written before it: "Union Station", "Penn station".
STATION_PHRASES = "station"
NAME_ENDING_PHRASES = "place|point"

MARKER_PHRASES = (
    "near|around|nearby|close to|next to|near to|closer to|outside|outside of|by|beside|opposite"
)
INNER_MARKER_PHRASES = "in|at"
MARKER_AFTER_RADIUS_PHRASES = "of|from"
MARKER_AFTER_NEAREST_PHRASES = "to"

# Phrases that contain a filter word but are not a filter: "where can I park".
NOT_FILTER_PHRASES = """
can i park|to park|i can park|park and charge|park my car|park the car|where to park|
in general|at the moment|at this time|at night|at least|at most|by the way|
by distance|sort by|sorted by|order by|ordered by|fast as possible|as fast as|
as soon as possible|use it|free time|for now|right now|plug in|plug it in|plugged in
"""


def split_phrases(block: str) -> list[str]:
    return [p.strip() for p in block.replace("\n", "").split("|") if p.strip()]


def grammar_entries() -> list[tuple[str, Meaning]]:
    """(phrase, meaning) for every grammar word; later entries win on the same phrase."""
    entries: list[tuple[str, Meaning]] = [(w, FILLER) for w in FILLER_WORDS]
    entries += [(w, JOINER) for w in JOINER_WORDS]
    groups: tuple[tuple[str, Meaning], ...] = (
        (GREETING_PHRASES, GREETING),
        (HELP_PHRASES, HELP),
        (NEGATOR_PHRASES, NEGATOR),
        (IGNORE_PHRASES, IGNORE),
        (OPEN_NOW_PHRASES, OPEN_NOW),
        (OPEN_247_PHRASES, OPEN_247),
        (OPEN_AT_PHRASES, OPEN_AT),
        (CHEAPEST_PHRASES, CHEAPEST),
        ("open at noon|open at midday|open by noon|open around noon", OPEN_AT_NOON),
        ("open at midnight|open around midnight|open after midnight", OPEN_AT_MIDNIGHT),
        (NOUN_PHRASES, NOUN),
        (NOUN_PLURAL_PHRASES, NOUN_PLURAL),
        (STATION_PHRASES, STATION),
        (NAME_ENDING_PHRASES, NAME_ENDING),
        (NEAREST_PHRASES, NEAREST),
        (MARKER_PHRASES, MARKER),
        (INNER_MARKER_PHRASES, INNER_MARKER),
        (MARKER_AFTER_RADIUS_PHRASES, MARKER_AFTER_RADIUS),
        (MARKER_AFTER_NEAREST_PHRASES, MARKER_AFTER_NEAREST),
        ("between|somewhere between|halfway between|midway between", MARKER_BETWEEN),
        (HERE_PHRASES, HERE),
        (RELATIVE_PLACE_PHRASES, RELATIVE_PLACE),
        (NOT_FILTER_PHRASES, FILLER),
    )
    for block, meaning in groups:
        entries += [(p, meaning) for p in split_phrases(block)]
    conjunctions = split_phrases(CONJUNCTION_PHRASES)
    entries += [(p, CONJUNCTION if p in ("and", "&") else OR) for p in conjunctions]
    return entries
