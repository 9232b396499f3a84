"""The network's bilingual vocabulary as data: words and phrases that name the same thing."""

# Each concept lists Spanish and English words and phrases, comma separated. A post that uses
# any of them gets the concept's id as a term, so "página web", "sitio web" and "website" meet
# though they share no word. Phrases are matched after stop words are dropped and on stems,
# so "cuidado de mayores" also matches "cuidados a mayores". Markers:
# - "=word": match the written form (and its -s/-es plural) only, never the stem. For words
#   whose stem is short or shared with another meaning ("comidas" stems to "com").
# - "!word": only when the post is in this list's language ("van" is a vehicle in English
#   but "they go" in Spanish).
# Ambiguous words are listed only inside phrases that settle their meaning: "banco" alone is
# bench or bank, so only "banca ética", "banco de alimentos", "banco de madera"... are listed;
# "red" is network or colour, "curso" a course or a river's course, "cajas" boxes or savings
# banks. `broader` names more general concepts, which a post also gets at a lower weight.
# Distinct services are distinct concepts (a dentist is no answer to a need for a physio);
# they may share a broader one.

from typing import NamedTuple

__all__ = ["CONCEPTS", "ConceptSpec"]


class ConceptSpec(NamedTuple):
    """One concept: its id, Spanish and English phrases, and broader concept ids."""

    id: str
    es: str
    en: str
    broader: str = ""


CONCEPTS: tuple[ConceptSpec, ...] = (
    # --- Digital -------------------------------------------------------------------------
    ConceptSpec(
        "web",
        "página web, páginas web, sitio web, web, webs, diseño web, desarrollo web, wordpress, "
        "dominio web, hosting, alojamiento web, landing, posicionamiento web, programación web",
        "website, websites, web page, webpage, web site, web design, web designer, "
        "web development, web developer, wordpress, hosting, web hosting, landing page",
        "digital",
    ),
    ConceptSpec(
        "ecommerce",
        "tienda online, tienda on line, tienda en línea, tienda virtual, tienda web, "
        "comercio electrónico, venta online, venta por internet, vender por internet, "
        "vender online, pasarela de pago, woocommerce, shopify",
        "online shop, online store, webshop, web shop, e-commerce, ecommerce, sell online, "
        "selling online, online sales, payment gateway, shopify, woocommerce",
        "web, digital",
    ),
    ConceptSpec(
        "social_media",
        "redes sociales, red social, instagram, facebook, tiktok, community manager, "
        "gestión de redes, perfiles sociales, youtube",
        "social media, social network, social networks, instagram, facebook, tiktok, "
        "community manager, youtube",
        "marketing, digital",
    ),
    ConceptSpec(
        "marketing",
        "marketing, márketing, publicidad, promoción, promocionar, difusión, comunicación, "
        "campaña, campañas, anuncios, seo, posicionamiento, plan de comunicación, "
        "estrategia de comunicación, dar a conocer, visibilidad, newsletter, boletín, "
        "redacción de contenidos, contenidos, copywriting, =blog, nota de prensa, prensa, "
        "periodismo, periodista",
        "marketing, advertising, promotion, promote, publicity, communication, communications, "
        "campaign, campaigns, ads, seo, newsletter, visibility, outreach, copywriting, content "
        "writing, =blog, press release, press, journalism, journalist",
    ),
    ConceptSpec(
        "graphic_design",
        "diseño gráfico, diseñadora gráfica, diseñador gráfico, logo, logotipo, logos, "
        "imagen corporativa, identidad visual, identidad corporativa, branding, cartelería, "
        "carteles, cartel, folletos, flyers, maquetación, ilustración, ilustradora, "
        "diseño de etiquetas, imagen de marca",
        "graphic design, graphic designer, logo, logos, branding, brand identity, "
        "visual identity, corporate identity, posters, poster, leaflets, flyers, brochure, "
        "layout, illustration, illustrator, label design",
        "marketing",
    ),
    ConceptSpec(
        "photo_video",
        "fotografía, fotografías, fotos, fotógrafo, fotógrafa, vídeo, vídeos, audiovisual, "
        "audiovisuales, grabación, grabar, reportaje, dron, drones, edición de vídeo, "
        "vídeo promocional, sesión de fotos, podcast, =radio",
        "photography, photographs, photos, photo, photographer, video, videos, filming, film, "
        "footage, drone, video editing, promotional video, photo shoot, podcast, =radio",
    ),
    ConceptSpec(
        "it_support",
        "informática, informático, informática, ordenador, ordenadores, portátil, portátiles, "
        "soporte técnico, soporte informático, mantenimiento informático, "
        "reparación de ordenadores, redes informáticas, red informática, red wifi, wifi, "
        "servidor, servidores, copias de seguridad, ciberseguridad, antivirus, impresoras, "
        "equipos informáticos, sistemas informáticos",
        "it support, tech support, technical support, computer, computers, laptop, laptops, "
        "pc, computer repair, computer network, wifi, wi-fi, server, servers, backups, backup, "
        "cybersecurity, antivirus, printers, it equipment, it systems, it services",
        "digital",
    ),
    ConceptSpec(
        "software",
        "software, programación, programador, programadora, aplicación móvil, aplicaciones "
        "móviles, =app, =apps, desarrollo de software, base de datos, bases de datos, crm, erp, "
        "automatización, software libre, código abierto, programa de gestión",
        "software, programming, programmer, developer, coding, mobile app, =app, =apps, "
        "database, databases, crm, erp, automation, open source, free software",
        "digital",
    ),
    ConceptSpec(
        "digital_skills",
        "digitalización, digitalizar, transformación digital, competencias digitales, "
        "alfabetización digital, brecha digital, habilidades digitales, nuevas tecnologías, "
        "manejo del móvil, uso del ordenador",
        "digitalisation, digitalization, digitise, digital transformation, digital skills, "
        "digital literacy, digital divide, new technologies",
        "digital",
    ),
    ConceptSpec(
        "digital", "digital, digitales, tecnología, tecnológico", "digital, technology, tech"
    ),
    # --- Administration, law and money ---------------------------------------------------
    ConceptSpec(
        "accounting",
        "contabilidad, contable, contables, llevar las cuentas, llevar la contabilidad, "
        "gestoría, gestor, gestora, asesoría fiscal, asesor fiscal, fiscal, fiscalidad, "
        "impuestos, =iva, declaraciones trimestrales, declaración de la renta, facturación, "
        "facturas, nóminas, asesoría laboral, gestoría laboral, asesor laboral, "
        "seguridad social, cuentas anuales, libros contables, hacienda, modelos trimestrales, "
        "papeleo, trámites, gestión administrativa",
        "accounting, accountant, accountants, bookkeeping, bookkeeper, tax, taxes, =vat, "
        "tax returns, tax advice, invoicing, invoices, payroll, annual accounts, paperwork, "
        "administrative",
        "advice",
    ),
    ConceptSpec(
        "legal",
        "abogado, abogada, abogados, asesoría jurídica, asesoramiento jurídico, jurídico, "
        "jurídica, legal, estatutos, contratos, contrato, protección de datos, rgpd, lopd, "
        "notaría, notario, registro mercantil, licencias, permisos, normativa",
        "lawyer, lawyers, solicitor, legal advice, legal, bylaws, statutes, articles of "
        "association, contracts, contract, data protection, gdpr, notary, licences, licenses, "
        "permits, regulations",
        "advice",
    ),
    ConceptSpec(
        "business_support",
        "crear una cooperativa, constituir una cooperativa, montar una cooperativa, "
        "constitución de cooperativas, emprendimiento, emprender, emprendedores, emprendedoras, "
        "plan de empresa, plan de negocio, viabilidad, incubadora, autoempleo, "
        "modelo de negocio, nuevos proyectos empresariales",
        "start a cooperative, set up a cooperative, setting up a cooperative, "
        "entrepreneurship, entrepreneurs, business plan, business model, feasibility, "
        "incubator, start-up support, self-employment",
        "advice",
    ),
    ConceptSpec(
        "grants",
        "subvención, subvenciones, ayudas públicas, ayudas económicas, convocatoria, "
        "convocatorias, proyectos europeos, fondos europeos, fondos leader, justificación de "
        "subvenciones, solicitar ayudas, pedir ayudas, fondos públicos",
        "grant, grants, subsidy, subsidies, public funding, call for proposals, european "
        "funds, eu funding, grant writing, grant applications, funding applications",
        "finance",
    ),
    ConceptSpec(
        "finance",
        "financiación, financiar, préstamo, préstamos, microcrédito, microcréditos, crédito, "
        "créditos, banca ética, banco ético, finanzas éticas, fiare, triodos, coop57, "
        "caja rural, cajas rurales, caja de ahorros, cajas de ahorro, inversión, inversores, "
        "crowdfunding, micromecenazgo, capital social, aval, avales, liquidez",
        "funding, financing, finance, loan, loans, microcredit, microcredits, credit, "
        "ethical bank, ethical banking, ethical finance, investment, investors, crowdfunding, "
        "seed capital, guarantee, cash flow",
    ),
    ConceptSpec(
        "insurance",
        "=seguros, =seguro, aseguradora, póliza, pólizas, responsabilidad civil, "
        "seguro agrario, mutua",
        "insurance, insurer, insurance policy, liability insurance, public liability",
    ),
    ConceptSpec(
        "advice",
        "asesoría, asesoramiento, asesorar, consultoría, consultora, mentoría, mentora, "
        "coaching, orientación",
        "advice, advisory, consulting, consultancy, consultant, mentoring, mentor, coaching, "
        "guidance",
    ),
    ConceptSpec(
        "facilitation",
        "facilitación, facilitadora, dinamización, dinamizar, gestión de grupos, mediación, "
        "resolución de conflictos, gobernanza, participación, asambleas, procesos "
        "participativos, trabajo en equipo",
        "facilitation, facilitator, group facilitation, mediation, conflict resolution, "
        "governance, participation, participatory, assemblies, teamwork",
    ),
    ConceptSpec(
        "employment",
        "empleo, bolsa de empleo, ofertas de empleo, oferta de empleo, orientación laboral, "
        "inserción laboral, inserción sociolaboral, contratación, contratar, puesto de trabajo, "
        "puestos de trabajo, selección de personal",
        "employment, jobs, job, job offer, job offers, vacancy, vacancies, hiring, hire, "
        "recruitment, recruiting",
    ),
    ConceptSpec(
        "volunteering",
        "voluntariado, voluntarios, voluntarias, voluntario, voluntaria",
        "volunteering, volunteers, volunteer",
    ),
    ConceptSpec(
        "cooperative",
        "cooperativa, cooperativas, cooperativismo, cooperativista, economía social, "
        "economía solidaria",
        "cooperative, cooperatives, co-op, co-ops, =coop, =coops, social economy, "
        "solidarity economy",
    ),
    # Everyday words that posts in both languages use: they weigh little (many posts say
    # them) but let "group" meet "grupo" when little else is shared.
    ConceptSpec("group", "grupo, grupos, colectivo, colectivos", "group, groups"),
    ConceptSpec("family", "familia, familias, familiar, familiares", "family, families"),
    ConceptSpec("village", "=pueblo, =pueblos, aldea, aldeas, medio rural", "village, villages"),
    ConceptSpec("retreat", "retiro, retiros, convivencia, convivencias", "retreat, retreats"),
    # --- Care and people -----------------------------------------------------------------
    ConceptSpec(
        "elder_care",
        "cuidado de mayores, personas mayores, =mayores, tercera edad, ancianos, ancianas, "
        "residencia de mayores, centro de día, centros de día, dependencia, personas "
        "dependientes, ayuda a domicilio, servicio de ayuda a domicilio, asistencia "
        "domiciliaria, atención domiciliaria, teleasistencia, cuidadora, cuidadoras, cuidador, "
        "cuidadores, auxiliar de geriatría, geriatría, respiro familiar",
        "elderly care, elderly, elder care, older people, older adults, seniors, senior "
        "citizens, care home, nursing home, day centre, day center, home care, home help, "
        "carer, carers, caregiver, caregivers, respite care, geriatric",
        "care",
    ),
    ConceptSpec(
        "care",
        "=cuidados, cuidar, atención a personas, sociosanitario, sociosanitaria, "
        "servicios sociales, trabajo social, trabajadora social",
        "care, caring, social care, social services, social work, social worker",
    ),
    ConceptSpec(
        "childcare",
        "infancia, niños, niñas, menores, guardería, escuela infantil, educación infantil, "
        "ludoteca, canguro, cuidado de niños, conciliación, extraescolares, actividades "
        "extraescolares, campamento, campamentos, campamento urbano, colonias, bebés, "
        "crianza, familias con hijos, monitor de tiempo libre, monitora de tiempo libre, "
        "ocio infantil",
        "children, child, kids, childcare, child care, nursery, nursery school, kindergarten, "
        "babysitting, babysitter, summer camp, day camp, camps, after-school, "
        "after school activities, babies, parenting",
        "care",
    ),
    ConceptSpec(
        "disability",
        "discapacidad, diversidad funcional, accesibilidad, accesible, centro especial de "
        "empleo, empleo protegido, discapacidad intelectual, movilidad reducida, "
        "lectura fácil, lengua de signos",
        "disability, disabilities, disabled, accessibility, accessible, sheltered employment, "
        "supported employment, learning disabilities, reduced mobility, wheelchair, "
        "easy read, sign language",
        "care",
    ),
    ConceptSpec(
        "inclusion",
        "inclusión social, exclusión social, vulnerabilidad, personas vulnerables, "
        "migrantes, personas migrantes, refugiados, acogida, inmigrantes, riesgo de exclusión",
        "social inclusion, social exclusion, vulnerable people, migrants, refugees, "
        "immigrants, newcomers, at risk of exclusion",
    ),
    ConceptSpec(
        "youth",
        "jóvenes, joven, juventud, juvenil, adolescentes, chavales",
        "young people, youth, youngsters, teenagers, teens",
    ),
    ConceptSpec(
        "equality",
        "mujeres, mujer rural, igualdad, perspectiva de género, violencia de género, "
        "feminismo, feminista",
        "women, gender equality, equality, gender, feminism, feminist",
    ),
    ConceptSpec(
        "beauty",
        "peluquería, peluquera, peluquero, barbería, estética, esteticista, maquillaje",
        "hairdresser, hairdressing, haircut, barber, beauty, beautician, make-up, makeup",
    ),
    # Health professions are distinct services, not synonyms: each is its own concept and
    # only shares the broader "health" (a dentist is no answer to a need for a physio).
    ConceptSpec(
        "health", "salud, sanitario, sanitaria, bienestar", "health, healthcare, wellbeing"
    ),
    ConceptSpec(
        "physio",
        "fisioterapia, fisioterapeuta, masajes, masaje, osteopatía, rehabilitación física",
        "physiotherapy, physiotherapist, physio, massage, massages, osteopathy",
        "health",
    ),
    ConceptSpec(
        "psychology",
        "psicología, psicólogo, psicóloga, psicoterapia, terapeuta, salud mental, "
        "acompañamiento emocional",
        "psychology, psychologist, psychotherapy, therapist, mental health, counselling, "
        "counseling",
        "health",
    ),
    ConceptSpec(
        "nursing",
        "enfermería, enfermera, enfermero, médico, médica, consulta médica, atención sanitaria",
        "nursing, nurse, doctor, gp, medical care",
        "health",
    ),
    ConceptSpec(
        "dental",
        "dentista, odontología, odontólogo, clínica dental, higiene dental",
        "dentist, dental, dental care, dental clinic",
        "health",
    ),
    ConceptSpec(
        "therapies",
        "logopeda, logopedia, terapia ocupacional, nutrición, nutricionista, dietista, "
        "yoga, pilates, meditación",
        "speech therapy, speech therapist, occupational therapy, nutrition, nutritionist, "
        "dietitian, yoga, pilates, meditation",
        "health",
    ),
    ConceptSpec(
        "cleaning",
        "limpieza, limpiar, limpiadora, limpiadoras, limpiezas, lavandería, desinfección, "
        "limpieza de oficinas, limpieza de locales, limpieza de cristales, planchado",
        "cleaning, cleaner, cleaners, laundry, housekeeping, office cleaning, "
        "disinfection, ironing",
    ),
    # --- Agrifood --------------------------------------------------------------------------
    ConceptSpec(
        "cheese_dairy",
        "queso, quesos, quesería, queserías, quesero, lácteos, leche, yogur, yogures, "
        "requesón, mantequilla, cuajada",
        "cheese, cheeses, cheesemaker, dairy, milk, yoghurt, yogurt, butter",
        "food",
    ),
    ConceptSpec(
        "honey",
        "miel, mieles, apicultura, apicultor, apicultora, colmenas, colmena, abejas, polen, cera",
        "honey, beekeeping, beekeeper, beehives, hives, bees, pollen, beeswax",
        "food",
    ),
    ConceptSpec(
        "wine",
        "vino, vinos, bodega, bodegas, viñedo, viñedos, viña, viticultor, vendimia, uva, uvas, "
        "mencía, prieto picudo, enoturismo, sidra, cerveza artesana, licores, orujo",
        "wine, wines, winery, wineries, vineyard, vineyards, winemaker, grape harvest, grapes, "
        "wine tourism, cider, craft beer, liqueurs",
        "food",
    ),
    ConceptSpec(
        "meat",
        "embutidos, embutido, cecina, chorizo, chorizos, carne, carnes, carnicería, "
        "matanza, botillo, jamón, salchichón, morcilla, sala de despiece",
        "cured meats, cured meat, charcuterie, sausages, sausage, chorizo, meat, butcher, "
        "butchery, ham",
        "food",
    ),
    ConceptSpec(
        "livestock",
        "ganadería, ganadero, ganadera, ganaderos, ganado, ovejas, oveja, cabras, cabra, "
        "vacas, vaca, terneros, pastoreo, pastor, pastora, trashumancia, rebaño, explotación "
        "ganadera, =pastos, gallinas, huevos, pollos, corderos, cordero, lechazo, cabritos",
        "livestock, cattle, sheep, goats, goat, cows, cow, calves, grazing, shepherd, "
        "herd, flock, pasture, hens, eggs, chickens, poultry, lamb, lambs",
        "agriculture",
    ),
    ConceptSpec(
        "vegetables",
        "hortalizas, verduras, verdura, huerta, huerto, huertos, hortícola, horticultura, "
        "tomates, tomate, pimientos, pimiento, lechugas, lechuga, patatas, patata, "
        "cebollas, puerros, calabazas",
        "vegetables, veg, vegetable garden, market garden, horticulture, tomatoes, tomato, "
        "peppers, lettuce, potatoes, onions, leeks, pumpkins",
        "food, agriculture",
    ),
    ConceptSpec(
        "legumes",
        "legumbres, alubias, alubia, lentejas, lenteja, garbanzos, garbanzo, judías",
        "legumes, pulses, beans, lentils, chickpeas",
        "food, agriculture",
    ),
    ConceptSpec(
        "fruit",
        "fruta, frutas, frutales, frutería, manzanas, manzana, reineta, peras, pera, cerezas, "
        "castañas, castaña, nueces, frutos secos, frutos rojos, arándanos, zumos, zumo",
        "fruit, fruits, orchard, orchards, apples, apple, pears, cherries, chestnuts, walnuts, "
        "nuts, berries, blueberries, juice, juices",
        "food, agriculture",
    ),
    ConceptSpec(
        "bakery",
        "=pan, =panes, panadería, panadero, panadera, obrador de pan, repostería, pastelería, "
        "bollería, harina, harinas, masa madre, dulces, mantecadas, galletas, bizcochos, "
        "tartas, horno de leña",
        "bread, breads, bakery, baker, pastries, pastry, flour, sourdough, cakes, cake, "
        "biscuits, cookies, sweets",
        "food",
    ),
    ConceptSpec(
        "organic",
        "ecológico, ecológica, ecológicos, ecológicas, agricultura ecológica, =eco, =bio, "
        "orgánico, orgánica, sin pesticidas, sin químicos, agroecología, agroecológico, "
        "agroecológica, certificación ecológica, permacultura",
        "organic, organic farming, agroecology, agroecological, pesticide-free, "
        "chemical-free, permaculture, organic certification",
    ),
    ConceptSpec(
        "local_food",
        "producto local, productos locales, producto de proximidad, productos de proximidad, "
        "km 0, km0, kilómetro cero, venta directa, circuito corto, circuitos cortos, "
        "canal corto, grupo de consumo, grupos de consumo, cesta, cestas, cestas de verdura, "
        "productores locales, pequeños productores, consumo responsable",
        "local produce, local products, local food, farm to table, farm-to-table, direct "
        "sales, short supply chain, food co-op, buying group, veg box, vegetable box, "
        "box scheme, local producers, small producers, responsible consumption",
        "food",
    ),
    ConceptSpec(
        "market",
        "mercado, mercados, mercadillo, mercadillos, mercado de abastos, feria, ferias, "
        "puesto, puestos, stand, feria de artesanía, mercado de productores",
        "market, markets, farmers market, farmers' market, fairs, trade fair, market stall, stall, "
        "stalls, stand, craft fair",
    ),
    ConceptSpec(
        "food_processing",
        "conservas, conserva, envasado, envasar, transformación agroalimentaria, "
        "mermeladas, mermelada, embotellado, embotellar, pasteurización, "
        "registro sanitario, industria alimentaria, "
        "seguridad alimentaria, manipulador de alimentos, deshidratado, ahumado",
        "preserves, canning, canned, jams, jam, bottling, food processing, "
        "sanitary registration, food safety, food handler, dehydrated, smoked",
        "food",
    ),
    ConceptSpec(
        "packaging",
        "envases, envase, embalaje, embalajes, packaging, =cajas, =caja, cajas de cartón, "
        "cajas de madera, cartón, etiquetas, etiqueta, etiquetado, bolsas, tarros, botellas, "
        "bandejas",
        "packaging, packing, boxes, box, cardboard boxes, cardboard, labels, label, labelling, "
        "labeling, bags, jars, bottles, trays",
    ),
    ConceptSpec(
        "agriculture",
        "agricultura, agricultor, agricultora, agricultores, agrícola, agrícolas, cultivo, "
        "cultivos, cultivar, cereal, cereales, siembra, sembrar, cosecha, cosechar, "
        "maquinaria agrícola, tractor, regadío, riego, semillas, semilla, vivero, viveros, "
        "plantones, plantel, abono, compost agrícola, explotación agraria, agrario, agraria, "
        "campo",
        "agriculture, agricultural, farming, farmer, farmers, crops, crop, "
        "cereal, cereals, sowing, harvest, harvesting, farm machinery, tractor, irrigation, "
        "seeds, seed, plant nursery, seedlings, fertiliser, fertilizer, farm",
    ),
    ConceptSpec(
        "forestry",
        "forestal, forestales, bosque, bosques, monte, montes, limpieza de montes, desbroce, "
        "desbrozar, tala, poda, podas, podar, incendios forestales, resina, castañar, "
        "castaños, silvicultura, trabajos forestales, motosierra",
        "forestry, forest, forests, woodland, woods, brush clearing, clearing, tree felling, "
        "felling, pruning, wildfire, wildfires, resin, chainsaw, tree surgery",
    ),
    ConceptSpec(
        "mushrooms",
        "setas, seta, hongos, micología, micológico, trufa, trufas, níscalos, boletus",
        "mushrooms, mushroom, fungi, mycology, truffle, truffles, foraging",
        "food",
    ),
    ConceptSpec(
        "gardening",
        "jardinería, jardín, jardines, jardinero, zonas verdes, paisajismo, césped, "
        "mantenimiento de jardines, plantas ornamentales",
        "gardening, garden, gardens, gardener, green spaces, landscaping, lawn, lawns",
    ),
    ConceptSpec(
        "food",
        "alimentación, alimentos, alimentario, agroalimentario, agroalimentaria, =comida, "
        "gastronomía, gastronómico, productos de la tierra, productos artesanos",
        "food, foods, foodstuffs, groceries, gastronomy, agrifood, agri-food",
    ),
    ConceptSpec(
        "catering",
        "catering, =comidas, comidas preparadas, comida preparada, comida para llevar, "
        "menús, =menu, menú del día, banquete, banquetes, coffee break, vino español, "
        "aperitivo, aperitivos, picoteo, servicio de comidas, comedor, comedores",
        "catering, caterer, meals, prepared meals, ready meals, takeaway, menus, =menu, "
        "banquet, buffet, coffee break, refreshments, lunches, packed lunches, canteen",
        "food, hospitality",
    ),
    ConceptSpec(
        "hospitality",
        "hostelería, restaurante, restaurantes, =bar, =bares, cafetería, cocinero, cocinera, "
        "chef, camarero, camarera, camareros, cocina tradicional, casa de comidas",
        "hospitality, restaurant, restaurants, =bar, =bars, cafe, café, cook, chef, waiter, "
        "waitress, waiters",
    ),
    # --- Crafts ----------------------------------------------------------------------------
    ConceptSpec(
        "crafts",
        "artesanía, artesanías, artesano, artesana, artesanos, artesanas, artesanal, "
        "artesanales, hecho a mano, hechos a mano, oficios tradicionales",
        "crafts, craft, handicraft, handicrafts, artisan, artisans, craftsman, craftswoman, "
        "handmade, hand-made, traditional trades",
    ),
    ConceptSpec(
        "ceramics",
        "cerámica, cerámicas, alfarería, alfarero, alfarera, barro, torno de alfarero, "
        "arcilla, loza, porcelana, horno cerámico",
        "ceramics, ceramic, pottery, potter, clay, stoneware, porcelain, kiln",
        "crafts",
    ),
    ConceptSpec(
        "textile",
        "textil, textiles, costura, coser, costurera, confección, arreglos de ropa, modista, "
        "telar, tejidos, tejer, lana, bordado, bordados, ganchillo, patronaje, ropa",
        "textile, textiles, sewing, sew, seamstress, tailoring, tailor, clothing alterations, "
        "alterations, dressmaker, dressmaking, loom, weaving, wool, embroidery, crochet, "
        "knitting, clothes, clothing, garments",
        "crafts",
    ),
    ConceptSpec(
        "woodwork",
        "carpintería, carpintero, carpintera, ebanistería, ebanista, madera, maderas, "
        "tallado, talla en madera, restauración de muebles, tornero",
        "carpentry, carpenter, joinery, joiner, woodwork, woodworking, wood, timber, "
        "woodcarving, wood carving, furniture restoration, cabinetmaker",
        "crafts",
    ),
    ConceptSpec(
        "furniture",
        "muebles, mueble, mobiliario, sillas, mesas, banco de madera, bancos de madera, "
        "bancos para el parque, estanterías, armarios, mobiliario urbano",
        "furniture, chairs, tables, wooden bench, wooden benches, benches, bench, shelves, "
        "shelving, cupboards, street furniture",
        "woodwork",
    ),
    ConceptSpec(
        "leather",
        "cuero, marroquinería, guarnicionería, guarnicionero, talabartería",
        "leather, leatherwork, leather goods, saddlery, saddler",
        "crafts",
    ),
    ConceptSpec(
        "jewellery",
        "joyería, joyas, bisutería, orfebrería, orfebre, plata, platería, filigrana",
        "jewellery, jewelry, jewels, silversmith, goldsmith, silver",
        "crafts",
    ),
    ConceptSpec(
        "basketry",
        "cestería, cestero, cestera, mimbre, esparto",
        "basketry, basket weaving, basket maker, wicker, baskets",
        "crafts",
    ),
    ConceptSpec(
        "metalwork",
        "forja, herrería, herrero, soldadura, soldador, metal, cerrajería, hierro forjado",
        "blacksmith, forge, forging, welding, welder, metalwork, ironwork, wrought iron",
        "crafts",
    ),
    ConceptSpec(
        "printing",
        "imprenta, impresión, imprimir, impresiones, impresión 3d, serigrafía, rotulación, "
        "rótulos, vinilos, copistería, encuadernación",
        "printing, print, printer, print shop, 3d printing, screen printing, signage, signs, "
        "vinyl, bookbinding",
    ),
    # --- Energy and building ----------------------------------------------------------------
    ConceptSpec(
        "solar",
        "placas solares, placa solar, paneles solares, panel solar, fotovoltaica, "
        "fotovoltaico, fotovoltaicas, autoconsumo, energía solar, instalación solar, "
        "instalación fotovoltaica, solar fotovoltaica, térmica solar, "
        "instalaciones solares, huerto solar, huertos solares, cubierta solar",
        "solar panels, solar panel, solar pv, photovoltaic, photovoltaics, =pv, solar energy, "
        "solar power, solar installation, solar array, self-consumption, rooftop solar, "
        "!solar",
        "energy",
    ),
    ConceptSpec(
        "energy",
        "energía, energías, energías renovables, renovables, energético, energética, "
        "comunidad energética, comunidades energéticas, electricidad, eléctrica, "
        "factura de la luz, factura eléctrica, comercializadora, cooperativa energética, "
        "ahorro energético, transición energética",
        "energy, renewable energy, renewables, energy community, energy communities, "
        "electricity, power bill, electricity bill, energy bill, energy supplier, "
        "energy transition, energy saving",
    ),
    ConceptSpec(
        "efficiency",
        "eficiencia energética, aislamiento, aislamiento térmico, aislar, rehabilitación "
        "energética, certificado energético, certificación energética, auditoría energética, "
        "carpintería exterior, passivhaus",
        "energy efficiency, insulation, insulate, thermal insulation, energy retrofit, "
        "retrofit, retrofitting, energy certificate, energy audit, passivhaus",
        "energy",
    ),
    ConceptSpec(
        "biomass",
        "biomasa, =pellets, =pellet, astillas, caldera de biomasa, estufa de leña, "
        "estufa de pellets, leña",
        "biomass, =pellets, wood chips, biomass boiler, wood stove, wood burner, firewood",
        "energy",
    ),
    ConceptSpec(
        "heating",
        "calefacción, aerotermia, geotermia, bomba de calor, climatización, caldera, "
        "calderas, aire acondicionado, agua caliente",
        "heating, heat pump, heat pumps, aerothermal, geothermal, hvac, boiler, boilers, "
        "air conditioning, hot water",
        "energy",
    ),
    ConceptSpec(
        "ev",
        "coche eléctrico, coches eléctricos, vehículo eléctrico, vehículos eléctricos, "
        "punto de recarga, puntos de recarga, cargador, cargadores, movilidad eléctrica, "
        "punto de carga, puntos de carga",
        "electric car, electric cars, electric vehicle, electric vehicles, =ev, =evs, "
        "charging point, charging points, charger, chargers, e-mobility, ev charging",
        "energy, transport",
    ),
    ConceptSpec(
        "construction",
        "=obras, obra, reforma, reformas, reformar, albañilería, albañil, albañiles, "
        "rehabilitación, rehabilitar, construcción, bioconstrucción, tejado, "
        "tejados, cubierta, cubiertas, fachada, fachadas, tapial, adobe, pizarra, arquitecto, "
        "arquitecta, arquitectura, aparejador",
        "building work, building works, renovation, renovations, refurbishment, refurbish, "
        "builder, builders, bricklaying, bricklayer, construction, eco-building, "
        "natural building, roof, roofs, roofing, facade, rammed earth, architect, architecture",
    ),
    ConceptSpec(
        "installations",
        "fontanería, fontanero, electricista, electricistas, instalación eléctrica, "
        "instalaciones eléctricas, cuadro eléctrico, boletín eléctrico, fontanera",
        "plumbing, plumber, plumbers, electrician, electricians, electrical installation, "
        "electrical work, wiring, rewiring",
        "construction",
    ),
    ConceptSpec(
        "painting",
        "pintura, pinturas, pintor, pintora, pintores, pintar",
        "painting, painter, painters, decorator, decorating, paint",
    ),
    # --- Transport -------------------------------------------------------------------------
    ConceptSpec(
        "transport",
        "transporte, transportes, transportar, transportista, furgoneta, furgonetas, camión, "
        "camiones, camioneta, vehículo, vehículos, =coche, =coches, portes, mudanza, mudanzas, "
        "reparto, repartos, repartir, repartidor, mensajería, distribución, distribuir, "
        "logística, envíos, envío, enviar, paquetería, paquetes, mensajero, mensajera, "
        "mensajeros, carga y descarga, conductor, conductora, chófer, ruta de reparto",
        "transport, transportation, !van, !vans, truck, trucks, lorry, vehicle, vehicles, "
        "=car, =cars, haulage, moving house, removals, removal, delivery, deliveries, "
        "deliver, courier, distribution, distribute, =moving, =move, logistics, shipping, "
        "shipments, parcels, parcel, driver, drivers, delivery route",
    ),
    ConceptSpec(
        "shared_mobility",
        "compartir coche, coche compartido, carsharing, car sharing, viaje compartido, "
        "viajes compartidos, blablacar, transporte a demanda, transporte rural, "
        "transporte colectivo, autobús, autobuses, movilidad sostenible, movilidad rural",
        "car sharing, carsharing, car-sharing, car pool, carpool, carpooling, ride sharing, "
        "ridesharing, lift, lifts, on-demand transport, rural transport, bus, buses, "
        "sustainable mobility",
        "transport",
    ),
    ConceptSpec(
        "bicycle",
        "bicicleta, bicicletas, =bici, =bicis, ciclismo, cicloturismo, ciclista, "
        "bicicleta eléctrica, taller de bicis",
        "bicycle, bicycles, =bike, =bikes, cycling, cyclist, cycle touring, e-bike, e-bikes",
    ),
    ConceptSpec(
        "car_repair",
        "taller mecánico, mecánico, mecánica del automóvil, reparación de vehículos, chapa y "
        "pintura, neumáticos, itv",
        "car repair, mechanic, car mechanic, garage, tyres, tires, mot",
    ),
    # --- Tourism, culture and events ---------------------------------------------------------
    ConceptSpec(
        "lodging",
        "casa rural, casas rurales, alojamiento, alojamientos, alojamiento rural, albergue, "
        "albergues, hostal, =hotel, =hoteles, camping, habitaciones, habitación, apartamento "
        "turístico, apartamentos turísticos, hospedaje, pernoctar, dormir, plazas de "
        "alojamiento",
        "rural house, rural houses, holiday cottage, cottage, cottages, accommodation, "
        "lodging, lodge, hostel, hostels, =hotel, =hotels, campsite, camping, rooms, "
        "guesthouse, guest house, b&b, bed and breakfast, holiday let, overnight stay",
        "tourism",
    ),
    ConceptSpec(
        "tourism",
        "turismo, turismo rural, turístico, turística, turísticos, turistas, visitantes, "
        "viajeros, visitas guiadas, visita guiada, guía turístico, guía turística, "
        "guías turísticos, excursiones, excursión, turismo activo, turismo sostenible, "
        "agroturismo, ecoturismo, patrimonio, camino de santiago, peregrinos, "
        "oficina de turismo",
        "tourism, rural tourism, tourist, tourists, visitors, travellers, travelers, "
        "guided tours, guided tour, tour guide, tour guides, tours, excursions, excursion, "
        "active tourism, sustainable tourism, agritourism, ecotourism, heritage, "
        "camino de santiago, pilgrims, tourist office",
    ),
    ConceptSpec(
        "outdoors",
        "senderismo, rutas a pie, rutas de senderismo, rutas de montaña, =montañismo, escalada, "
        "piragüismo, kayak, barranquismo, rutas a caballo, ecuestre, naturaleza, "
        "observación de aves, ornitología, guía de montaña",
        "hiking, hikes, walking routes, trekking, mountain routes, mountaineering, "
        "climbing, kayaking, kayak, canoeing, canyoning, horse riding, nature, birdwatching, "
        "bird watching, mountain guide",
        "tourism",
    ),
    ConceptSpec(
        "events",
        "eventos, evento, organización de eventos, congresos, congreso, jornadas, jornada, "
        "fiestas, fiesta, bodas, boda, celebraciones, celebración, festival, festivales, "
        "encuentro, encuentros, inauguración",
        "events, event, event planning, event organisation, conference, conferences, "
        "weddings, wedding, celebrations, celebration, party, parties, festival, "
        "festivals, gathering",
    ),
    ConceptSpec(
        "sound_stage",
        "equipo de sonido, sonido, megafonía, iluminación, escenario, carpas, carpa, "
        "técnico de sonido, sonorización",
        "sound system, pa system, public address, lighting, stage lighting, marquee, "
        "marquees, tent hire, sound engineer",
        "events",
    ),
    ConceptSpec(
        "culture",
        "cultura, cultural, culturales, teatro, música, músicos, concierto, conciertos, "
        "exposición, exposiciones, museo, museos, artes escénicas, animación sociocultural, "
        "cuentacuentos, danza, cine, obra de teatro, títeres, arte, artistas",
        "culture, cultural, theatre, theater, music, musicians, concert, concerts, "
        "exhibition, exhibitions, museum, museums, performing arts, storytelling, "
        "storyteller, dance, cinema, puppets, art, artists",
    ),
    # --- Training ------------------------------------------------------------------------
    ConceptSpec(
        "training",
        "formación, formaciones, formar, cursos, curso, cursillo, talleres, taller, clases, "
        "clase, capacitación, aprendizaje, aprender, formador, formadora, formadores, "
        "docente, docentes, profesor, profesora, profesores, enseñanza, enseñar, impartir, "
        "charlas, charla, certificado de profesionalidad, escuela, educación, educativo, "
        "educativa, alumnos, alumnado",
        "training, course, courses, workshops, workshop, classes, class, lessons, "
        "lesson, teaching, teach, learn, learning, trainer, trainers, teacher, teachers, "
        "tutor, tutoring, talks, talk, school, education, educational, students",
    ),
    ConceptSpec(
        "languages",
        "idiomas, idioma, inglés, francés, alemán, portugués, clases de inglés, "
        "español para extranjeros, castellano para extranjeros, conversación en inglés",
        "languages, language, english, french, german, portuguese, english lessons, "
        "spanish lessons, spanish for foreigners, language exchange",
        "training",
    ),
    ConceptSpec(
        "translation",
        "traducción, traducciones, traductor, traductora, traductores, traducir, "
        "interpretación simultánea, intérprete, intérpretes, subtítulos, subtitulado, "
        "subtitular, corrección de textos, revisión de textos, versión en inglés",
        "translation, translations, translator, translators, translate, translating, "
        "interpreting, interpreter, interpreters, subtitles, subtitling, proofreading, "
        "localisation, localization",
    ),
    # --- Spaces and land -------------------------------------------------------------------
    ConceptSpec(
        "premises",
        "local comercial, locales comerciales, bajo comercial, oficina, oficinas, despacho, "
        "despachos, nave, naves, nave industrial, coworking, espacio de trabajo, espacios de "
        "trabajo, sala, salas, sala de reuniones, aula, aulas, salón de actos, espacio "
        "compartido, alquiler de espacios, cesión de espacio, local social",
        "premises, office, offices, office space, workspace, coworking, co-working, "
        "industrial unit, shed, meeting room, meeting rooms, room hire, venue, hall, "
        "classroom, shared space, desk",
    ),
    ConceptSpec(
        "meeting",
        "reunión, reuniones, sala de reuniones, lugar de reunión, espacio para reuniones",
        "meeting, meetings, meeting room, meeting rooms, meeting space",
        "premises",
    ),
    ConceptSpec(
        "storage",
        "almacén, almacenes, almacenaje, almacenamiento, almacenar, trastero, "
        "cámara frigorífica, cámaras frigoríficas, cámara de frío, frío industrial, "
        "espacio de almacenaje",
        "storage, warehouse, warehousing, storage space, cold storage, cold room, "
        "refrigerated storage",
        "premises",
    ),
    ConceptSpec(
        "shared_kitchen",
        "cocina compartida, obrador compartido, cocina industrial, cocina profesional, "
        "obrador, obradores, cocina equipada, vivero agroalimentario",
        "shared kitchen, commercial kitchen, professional kitchen, industrial kitchen, "
        "food hub, kitchen",
        "premises, food_processing",
    ),
    ConceptSpec(
        "land",
        "terreno, terrenos, finca, fincas, parcela, parcelas, tierras de cultivo, "
        "tierras de labor, banco de tierras, prado, prados, hectáreas, huerto de alquiler, "
        "tierra para cultivar, tierras para cultivar",
        "land, plot, plots, farmland, fields, land bank, meadow, meadows, hectares, "
        "allotment, allotments",
    ),
    ConceptSpec(
        "housing",
        "vivienda, viviendas, cooperativa de vivienda, cohousing, covivienda, alquiler social, "
        "=piso, =pisos, casa en alquiler, vivienda rural, repoblación, vivienda vacía",
        "housing, homes, house, cohousing, co-housing, flat, flats, apartment, apartments, "
        "social housing, repopulation",
    ),
    # --- Environment and circular economy ------------------------------------------------
    ConceptSpec(
        "environment",
        "medio ambiente, medioambiente, medioambiental, ambiental, educación ambiental, "
        "biodiversidad, reforestación, plantación de árboles, árboles, sostenibilidad, "
        "sostenible, cambio climático, fauna, flora, espacio natural",
        "environment, environmental, environmental education, biodiversity, reforestation, "
        "tree planting, trees, sustainability, sustainable, climate change, wildlife",
    ),
    ConceptSpec(
        "river",
        "=rio, =rios, ribera, riberas, curso del río, cauce, limpieza del río, limpieza de "
        "ríos, márgenes del río, orilla del río",
        "river, rivers, riverbank, riverbanks, river cleanup, stream",
        "environment",
    ),
    ConceptSpec(
        "recycling",
        "reciclaje, reciclar, reciclado, residuos, reutilización, reutilizar, segunda mano, "
        "economía circular, compostaje, compost, compostera, recogida de residuos, "
        "aceite usado, ropa usada, puntos limpios, residuo cero, desperdicio alimentario, "
        "excedentes",
        "recycling, recycle, recycled, waste, reuse, re-use, second-hand, second hand, "
        "circular economy, composting, compost, waste collection, used cooking oil, "
        "zero waste, food waste, surplus",
    ),
    ConceptSpec(
        "repair",
        "reparación, reparaciones, reparar, arreglos, arreglo, arreglar, mantenimiento, "
        "averías, manitas, pequeñas reparaciones",
        "repair, repairs, fix, fixing, maintenance, handyman, odd jobs",
    ),
    ConceptSpec(
        "time_bank",
        "banco de tiempo, bancos de tiempo, intercambio de servicios, trueque, moneda social, "
        "intercambio de habilidades",
        "time bank, timebank, skill swap, skills exchange, barter, bartering, local currency",
    ),
    ConceptSpec(
        "food_bank",
        "banco de alimentos, bancos de alimentos, reparto de alimentos, despensa solidaria, "
        "comedor social, recogida de alimentos",
        "food bank, food banks, food pantry, soup kitchen, food drive",
        "inclusion",
    ),
    ConceptSpec(
        "fishing",
        "pesca, red de pesca, redes de pesca, pescadores, piscifactoría, truchas",
        "fishing, fishing net, fishing nets, anglers, fish farm, trout",
    ),
    ConceptSpec(
        "animals",
        "veterinario, veterinaria, veterinarios, animales, mascotas, perros, gatos, "
        "protectora de animales, adiestramiento",
        "vet, veterinary, veterinarian, animals, pets, dogs, cats, animal shelter, dog training",
    ),
)
