"""Stop words for matching, as data: Spanish, English and the network's own filler words."""

__all__ = ["EN_MARKERS", "ES_MARKERS", "GENERIC_WORDS", "STOP_WORDS"]

# Written folded (lower case, no accents) because they are compared after folding.
# Deliberately absent although common stop-list entries: "van" (Spanish "they go", but also the
# vehicle), "red" (colour / Spanish "network"), "sea", "solo", "bajo" and "once": in this
# network they are more often content words than filler.
_ES = """
a al algo algun alguna algunas alguno algunos ante antes aqui asi aun aunque bien cada casi
como con contra cual cuales cualquier cuando cuanto de del desde donde dos durante e el ella
ellas ello ellos en entre era eran eres es esa esas ese eso esos esta estaba estado estais
estamos estan estar estas este esto estos estoy fue fueron fui ha habia haber hace hacemos
hacen hacer hacia han has hasta hay he hemos la las le les lo los mas me mi mis mismo mucha
muchas mucho muchos muy nada ni no nos nosotras nosotros nuestra nuestras nuestro nuestros o
os otra otras otro otros para pero poco por porque pues que quien quienes se ser si sido sin
sobre somos son soy su sus tal tambien te tenemos tener tengo tiene tienen toda todas todo
todos tu tus u un una unas uno unos usted ustedes vosotros y ya yo
puede pueden podemos podria podriamos quiero queremos seria sea
vez veces mes meses semana semanas
"""

_EN = """
a about above after again all also am an and any anyone are as at be been being both but by
can could did do does doing done each either for from get got had has have having he her here
him his how i if in into is it its just me might more most much must my no nor not now of off
on once only or other our ours out over own please same she should so some someone somebody
something such than that the their them then there these they this those through to too under
until up us very via was we were what when where which while who whom why will with within
would you your yours
"""

# Words of asking and offering that every post of a kind carries: they say nothing about the
# topic, and "busco" in a need never should meet "busco" in another need anyway.
_DOMAIN = """
busco buscamos buscando buscan necesito necesitamos necesita necesitan necesitaria necesidad
ofrezco ofrecemos ofrece ofrecen ofertamos ofrecer oferta disponible disponibles interesa
interesado interesada interesados hola gracias favor alguien ayudarnos ayudarme urgente
contactar contacto info saludos gustaria encantaria
need needs needed needing looking look seeking seek offer offers offering offered available
hello hi thanks thank interested anybody help contact would like want wants wanted urgently urgent
near nearby around
"""

STOP_WORDS: frozenset[str] = frozenset((_ES + _EN + _DOMAIN).split())

# Function words that only one of the two languages uses: enough to tell short posts apart
# when the author's language is not given.
_ES_ONLY = """
el la los las del y para con por que una un nuestra nuestro nuestros es somos busco buscamos
necesito necesitamos ofrezco ofrecemos tenemos se al muy pero como hola
"""
_EN_ONLY = """
the and for with of to our we is are looking need needed offer offering have has from you your
this that hello hi who
"""
ES_MARKERS: frozenset[str] = frozenset(_ES_ONLY.split())
EN_MARKERS: frozenset[str] = frozenset(_EN_ONLY.split())

# Words that carry some meaning, so they count in the score, yet say nothing about which
# service a post is about: alone they never bring a candidate in or make a need's subject.
_GENERIC = """
servicio servicios ayuda ayudar apoyo apoyar proyecto proyectos empresa empresas asociacion
asociaciones cooperativa cooperativas negocio negocios persona personas gente grupo grupos zona
zonas pueblo pueblos comarca provincia local locales producto productos trabajo trabajos
trabajar cosa cosas tema temas idea ideas precio precios pequeno pequena pequenos pequenas
rural rurales gratis gratuito economico economica calidad experiencia profesional
profesionales hacer tipo general nuevo nueva nuevos nuevas gran grande grandes medio mejor
buen buena buenas buenos sector dia dias ano anos horas hora tiempo casa parte entidad
entidades socio socios socias miembro miembros red redes todo mundo uso usar forma manera
service services support project projects business businesses company companies association
associations cooperative cooperatives people person group groups area areas village villages
local product products work working things thing topic idea ideas price prices small rural
free cheap quality experience professional professionals kind general new big large best good
sector day days year years hours hour time home part entity members member network way
"""
GENERIC_WORDS: frozenset[str] = frozenset(_GENERIC.split())
