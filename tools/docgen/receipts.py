"""Receipts: the shops, their fixed receipt layouts, and the content of one receipt.

A receipt type is what a company would declare itself (config/examples/receipt/)
with four fields and no label vocabulary, for quai to learn from examples:

  company  the shop's trading name as printed in the header
  date     the transaction date, ISO YYYY-MM-DD
  address  the shop's street line + ", " + its postcode-and-city line, as printed
  total    the amount the customer pays, plain decimal with '.'

Shops are made procedurally from word lists (names, streets, cities) per
language and country, seven kinds of shop (bakery, café, fuel station,
hardware store, pharmacy, restaurant, supermarket), in French, English,
German, Italian and Dutch.  Every word list is split between the families by
position (dev takes entries 0, 3, 6..., eval 1, 4, 7..., holdout 2, 5, 8...),
so no family shares a surname, brand, street or city with another, and each
shop's layout (paper, font, label wording, date, number and currency format,
arrangement) is drawn from a random stream fixed by the shop's id, never by
the CLI seed.  check_split() asserts that no eval layout repeats a dev layout
signature and no holdout layout repeats a dev or eval one, and that names,
addresses and phone numbers are not shared.

make_receipt() draws one receipt for a shop from the document's random
stream; every value is formatted here, the renderer (render_receipt.py) only
arranges the strings.
"""
import random
import unicodedata
import zlib
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

import cast
import formats as fm
from content import V, Content

KINDS = ("bakery", "cafe", "fuel", "hardware", "pharmacy", "restaurant", "supermarket")
FAMILY_INDEX = {"dev": 0, "eval": 1, "holdout": 2}

# --------------------------------------------------------------------------
# Countries: language, currency, VAT rates per category, phone patterns.

COUNTRIES = {
    "FR": dict(lang="fr", cur="EUR", phone=["0{d1} {n2} {n2} {n2} {n2}"],
               vat={"food": "5.5", "std": "20", "rest": "10", "med": "10"}),
    "GB": dict(lang="en", cur="GBP", phone=["0{d3} {n3} {n4}", "0{d2}{d2} {n6}"],
               vat={"food": "0", "std": "20", "rest": "20", "med": "20"}),
    "IE": dict(lang="en", cur="EUR", phone=["0{d1} {n3} {n4}", "0{d2} {n3} {n4}"],
               vat={"food": "0", "std": "23", "rest": "13.5", "med": "0"}),
    "DE": dict(lang="de", cur="EUR", phone=["0{d2}{d1} {n7}", "0{d3} {n2} {n2} {n2}"],
               vat={"food": "7", "std": "19", "rest": "7", "med": "19"}),
    "AT": dict(lang="de", cur="EUR", phone=["0{d1} {n3} {n2} {n2}", "0{d3} {n6}"],
               vat={"food": "10", "std": "20", "rest": "10", "med": "10"}),
    "IT": dict(lang="it", cur="EUR", phone=["0{d1} {n4} {n4}", "0{d2} {n3} {n4}"],
               vat={"food": "10", "std": "22", "rest": "10", "med": "10"}),
    "NL": dict(lang="nl", cur="EUR", phone=["0{d2} {n3} {n4}", "0{d1}{d1} {n7}"],
               vat={"food": "9", "std": "21", "rest": "9", "med": "9"}),
    "BE": dict(lang="nl", cur="EUR", phone=["0{d1} {n3} {n2} {n2}", "0{d2} {n2} {n2} {n2}"],
               vat={"food": "6", "std": "21", "rest": "12", "med": "6"}),
}

# Streets without number.  '#' marks where the house number goes when it is
# not at the language's usual place; lines without '#' and starting with '!'
# are printed without a number (retail parks, shopping centres).
STREETS = {
    "FR": ["rue de la Gare", "avenue Jean Jaurès", "place du Marché", "boulevard Victor Hugo",
           "rue Nationale", "rue des Écoles", "route de Lyon", "rue Pasteur", "Grande Rue",
           "rue du Commerce", "avenue de la République", "rue Gambetta", "quai des Bateliers",
           "cours Lafayette", "rue Saint-Jacques", "rue du Général Leclerc", "place de l'Église",
           "rue Carnot", "avenue Foch", "rue des Tanneurs", "!Centre commercial Les Arcades",
           "!ZA des Glaises", "rue de la Paix", "chemin des Vignes", "rue du Four",
           "boulevard de Strasbourg", "rue Thiers", "place Bellecour", "!Zone commerciale du Moulin",
           "rue Voltaire"],
    "GB": ["High Street", "Station Road", "Church Lane", "Market Place", "Victoria Road",
           "King Street", "Queen's Road", "Mill Lane", "London Road", "Park Road",
           "Bridge Street", "North Parade", "!Unit 4, Riverside Retail Park", "Castle Street",
           "George Street", "Commercial Road", "Broad Street", "Green Lane",
           "!Unit 12, Meadowhall Way", "Chapel Street", "Albert Road", "West Street"],
    "IE": ["Main Street", "Patrick Street", "Grafton Street", "Shop Street", "O'Connell Street",
           "Bridge Street", "Church Road", "Castle Street", "Parnell Street",
           "Harbour Road", "Quay Street", "Mary Street"],
    "DE": ["Bahnhofstraße", "Hauptstraße", "Marktplatz", "Schillerstraße", "Goethestraße",
           "Kirchgasse", "Lindenallee", "Berliner Straße", "Gartenweg", "Am Markt",
           "Mühlenstraße", "Poststraße", "Schulstraße", "Rathausplatz", "Königstraße",
           "Friedrichstraße", "Wilhelmstraße", "Bergstraße", "!Gewerbegebiet Nord",
           "Lessingstraße", "Marienplatz"],
    "AT": ["Hauptplatz", "Mariahilfer Straße", "Getreidegasse", "Herrengasse", "Landstraße",
           "Kärntner Straße", "Linzer Gasse", "Stadtplatz", "Annenstraße",
           "Bahnhofstraße", "Wiener Straße", "Sackstraße"],
    "IT": ["Via Roma", "Corso Vittorio Emanuele II", "Piazza Garibaldi", "Via Dante",
           "Via Mazzini", "Viale Europa", "Via Cavour", "Via XX Settembre", "Piazza del Duomo",
           "Via Verdi", "Via Garibaldi", "Corso Italia", "Via Marconi", "Via Matteotti",
           "Piazza della Repubblica", "Via Nazionale", "Via San Francesco",
           "!Centro Commerciale Le Torri", "Via dei Mille", "Via Manzoni", "Viale Trieste"],
    "NL": ["Kerkstraat", "Dorpsstraat", "Stationsplein", "Markt", "Hoogstraat", "Molenweg",
           "Nieuwe Binnenweg", "Oudegracht", "Prinsengracht", "Marktstraat", "Langestraat",
           "Havenstraat", "Schoolstraat", "Julianastraat", "Beatrixlaan", "Grote Markt",
           "Zuidwal", "Brink", "Voorstraat", "!Winkelcentrum De Ring", "Wilhelminastraat"],
    "BE": ["Veldstraat", "Meir", "Bondgenotenlaan", "Steenstraat", "Korenmarkt",
           "Kerkstraat", "Stationsstraat", "Grote Markt", "Nieuwstraat", "Lange Munt",
           "Diestsestraat", "Brugsestraat"],
}

# (postcode, city[, province]) per country.
CITIES = {
    "FR": [("69002", "Lyon"), ("13001", "Marseille"), ("31000", "Toulouse"), ("33000", "Bordeaux"),
           ("44000", "Nantes"), ("67000", "Strasbourg"), ("59000", "Lille"), ("35000", "Rennes"),
           ("34000", "Montpellier"), ("06000", "Nice"), ("21000", "Dijon"), ("37000", "Tours"),
           ("49000", "Angers"), ("63000", "Clermont-Ferrand"), ("38000", "Grenoble"),
           ("76000", "Rouen"), ("87000", "Limoges"), ("80000", "Amiens"), ("51100", "Reims"),
           ("25000", "Besançon"), ("29200", "Brest"), ("64000", "Pau"), ("86000", "Poitiers"),
           ("45000", "Orléans"), ("14000", "Caen"), ("57000", "Metz"), ("54000", "Nancy"),
           ("72000", "Le Mans"), ("30000", "Nîmes"), ("84000", "Avignon"),
           ("17000", "La Rochelle"), ("74000", "Annecy"), ("66000", "Perpignan"),
           ("56100", "Lorient"), ("71100", "Chalon-sur-Saône"), ("26000", "Valence")],
    "GB": [("LS1 4AB", "Leeds"), ("M1 2HQ", "Manchester"), ("B2 4QA", "Birmingham"),
           ("BS1 5TR", "Bristol"), ("YO1 8RS", "York"), ("NE1 7RU", "Newcastle upon Tyne"),
           ("S1 2HE", "Sheffield"), ("NG1 5FS", "Nottingham"), ("CB2 3QZ", "Cambridge"),
           ("OX1 4AR", "Oxford"), ("BA1 1SU", "Bath"), ("EX4 3LS", "Exeter"),
           ("CH1 2HS", "Chester"), ("NR2 1NA", "Norwich"), ("LE1 5WW", "Leicester")],
    "IE": [("D02 X285", "Dublin 2"), ("T12 W8XK", "Cork"), ("H91 E2K3", "Galway"),
           ("V94 T9PX", "Limerick"), ("X91 K0EK", "Waterford"), ("R95 VK84", "Kilkenny"),
           ("A92 F6Y8", "Drogheda"), ("F91 Y4E2", "Sligo"), ("V92 E7K3", "Tralee")],
    "DE": [("10115", "Berlin"), ("80331", "München"), ("50667", "Köln"), ("20095", "Hamburg"),
           ("60311", "Frankfurt am Main"), ("70173", "Stuttgart"), ("04109", "Leipzig"),
           ("01067", "Dresden"), ("30159", "Hannover"), ("90402", "Nürnberg"),
           ("28195", "Bremen"), ("44135", "Dortmund"), ("45127", "Essen"), ("68159", "Mannheim"),
           ("79098", "Freiburg im Breisgau"), ("53111", "Bonn"), ("24103", "Kiel"),
           ("93047", "Regensburg"), ("97070", "Würzburg"), ("33602", "Bielefeld"),
           ("18055", "Rostock")],
    "AT": [("1010", "Wien"), ("5020", "Salzburg"), ("6020", "Innsbruck"), ("8010", "Graz"),
           ("4020", "Linz"), ("9020", "Klagenfurt"), ("3100", "St. Pölten"), ("6900", "Bregenz"),
           ("7000", "Eisenstadt")],
    "IT": [("20121", "Milano", "MI"), ("00184", "Roma", "RM"), ("10121", "Torino", "TO"),
           ("40121", "Bologna", "BO"), ("50122", "Firenze", "FI"), ("80133", "Napoli", "NA"),
           ("16121", "Genova", "GE"), ("37121", "Verona", "VR"), ("35122", "Padova", "PD"),
           ("43121", "Parma", "PR"), ("90133", "Palermo", "PA"), ("70122", "Bari", "BA"),
           ("24121", "Bergamo", "BG"), ("25121", "Brescia", "BS"), ("38122", "Trento", "TN"),
           ("47921", "Rimini", "RN"), ("06121", "Perugia", "PG"), ("34121", "Trieste", "TS")],
    "NL": [("1012 AB", "Amsterdam"), ("3011 AD", "Rotterdam"), ("2511 CV", "Den Haag"),
           ("3511 LX", "Utrecht"), ("5611 EM", "Eindhoven"), ("9711 LM", "Groningen"),
           ("6811 CG", "Arnhem"), ("2011 HB", "Haarlem"), ("4811 XJ", "Breda"),
           ("6511 NJ", "Nijmegen"), ("7511 JE", "Enschede"), ("8011 BL", "Zwolle"),
           ("2312 AA", "Leiden"), ("5211 AA", "'s-Hertogenbosch"), ("3811 LL", "Amersfoort"),
           ("1811 KG", "Alkmaar"), ("4331 JE", "Middelburg"), ("8911 AA", "Leeuwarden")],
    "BE": [("9000", "Gent"), ("2000", "Antwerpen"), ("3000", "Leuven"), ("8000", "Brugge"),
           ("2800", "Mechelen"), ("3500", "Hasselt"), ("8500", "Kortrijk"), ("9300", "Aalst"),
           ("2300", "Turnhout")],
}

# Name words per language.  P: a place phrase ready to follow a noun.
WORDS = {
    "fr": {
        "S": ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand",
              "Leroy", "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David",
              "Bertrand", "Roux", "Vincent", "Fournier", "Morel", "Girard", "André", "Mercier",
              "Dupont", "Lambert", "Bonnet", "François", "Legrand", "Garnier", "Faure",
              "Rousseau", "Blanc", "Guérin", "Muller", "Henry", "Perrin", "Morin", "Mathieu",
              "Clément", "Gauthier", "Fontaine", "Chevalier", "Robin", "Masson", "Roche",
              "Gérard", "Barbier"],
        "F": ["Jean", "Marie", "Pierre", "Sophie", "Louis", "Camille", "Paul", "Julie",
              "Antoine", "Claire", "Lucas", "Emma", "Hugo", "Léa", "Nicolas", "Chloé",
              "Julien", "Manon", "Marcel", "Sarah", "Marc", "Inès", "Éric", "Anne"],
        "P": ["de la Gare", "du Marché", "du Port", "du Château", "du Moulin", "du Pont",
              "du Lac", "du Parc", "du Théâtre", "du Mail", "du Cloître", "du Beffroi",
              "du Canal", "du Jardin", "du Palais", "du Quai", "des Remparts", "du Bourg",
              "des Carmes", "des Halles", "des Vignes", "des Tilleuls", "des Prés",
              "des Cordeliers"],
        "A": ["Dorée", "Gourmande", "Fraîche", "Royale", "Blanche", "Rustique", "Parisienne",
              "Normande", "Provençale", "Bretonne", "Alsacienne", "Savoyarde"],
        "B": ["Carbulis", "Énergaz", "Pétrovia", "Roulez+", "Stationnet", "Carbo'Ouest",
              "Marché Plus", "Proxima", "Casimir Market", "Primo Marché", "Épi d'Or",
              "FraisMarché", "Outil'Pro", "Bricolia", "Quinca+", "MaisonBrico", "Brico'Centre",
              "Atelier Outils"],
    },
    "en": {
        "S": ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Evans", "Thomas",
              "Johnson", "Roberts", "Walker", "Wright", "Robinson", "Thompson", "White",
              "Hughes", "Edwards", "Green", "Hall", "Wood", "Harris", "Lewis", "Martin",
              "Jackson", "Clarke", "Turner", "Hill", "Scott", "Cooper", "Morris", "Ward",
              "Moore", "King", "Watson", "Baker", "Harrison", "Morgan", "Patel", "Young",
              "Allen", "Mitchell", "O'Brien", "Murphy", "Kelly", "Byrne", "Ryan", "Walsh",
              "Doyle"],
        "F": ["James", "Oliver", "Harry", "Jack", "George", "Amelia", "Olivia", "Emily",
              "Isla", "Sophie", "Grace", "Ruby", "Seán", "Aoife", "Ciara", "Liam", "Tom",
              "Kate", "Sam", "Lucy", "Ben", "Anna", "Dan", "Rose"],
        "P": ["Station", "Market", "Harbour", "Castle", "Mill", "Bridge", "Abbey", "Park",
              "Green", "Quay", "Crown", "Corner", "Riverside", "Hillside", "Westgate",
              "Northgate", "Old Town", "Chapel", "Meadow", "Orchard", "Victoria", "Albion",
              "Priory", "Wharf"],
        "A": ["Golden", "Royal", "Little", "Old", "Village", "Red", "Daily", "Copper", "Blue",
              "Green Door", "Black Cat", "White Horse"],
        "B": ["Fuelwise", "Northway Fuels", "PetroPoint", "Roadstar", "Greenfield Fuels",
              "Kestrel Fuel", "FreshWay", "Daily Basket", "Corner Fresh", "ValueMart",
              "Harvest Foods", "Pantry Plus", "ToolBox", "FixIt Hardware", "HandyMan Supplies",
              "Nuts & Bolts", "Trade Tools", "Homefix"],
    },
    "de": {
        "S": ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
              "Schulz", "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf",
              "Schröder", "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann",
              "Hartmann", "Lange", "Schmitt", "Werner", "Schmitz", "Krause", "Meier", "Lehmann",
              "Huber", "Mayer", "Gruber", "Berger", "Winkler", "Steiner", "Moser", "Fuchs",
              "Brandt", "Vogel", "Keller", "Frank", "Roth", "Beck", "Lorenz", "Graf", "Kaiser"],
        "F": ["Anna", "Lukas", "Lena", "Felix", "Marie", "Jonas", "Sophie", "Paul", "Laura",
              "Max", "Julia", "Leon", "Hanna", "Tim", "Sarah", "Jan", "Eva", "Peter", "Klaus",
              "Sabine", "Andrea", "Thomas", "Heike", "Uwe"],
        "P": ["am Markt", "am Bahnhof", "am Rathaus", "am Dom", "am Hafen", "an der Mühle",
              "an der Brücke", "am Schloss", "am Tor", "am Park", "am Ring", "unter den Linden",
              "am Anger", "am Turm", "am Stadtgarten", "in der Altstadt", "am Kirchplatz",
              "am See", "am Berg", "am Graben", "an der Post", "am Kreisel", "am Wall",
              "an der Kirche"],
        "A": ["Adler", "Löwen", "Stern", "Sonnen", "Rosen", "Hirsch", "Linden", "Kronen",
              "Einhorn", "Engel", "Marien", "Schwanen"],
        "N": ["Goldenen Hirsch", "Schwarzen Adler", "Grünen Baum", "Weißen Rössl",
              "Roten Ochsen", "Alten Fritz", "Blauen Bock", "Goldenen Stern", "Wilden Mann",
              "Grünen Kranz", "Weißen Lamm", "Schwarzen Walfisch"],
        "B": ["Tankpunkt", "Kraftstoff-Center", "AutoStopp", "Treibstoff Nord", "FairTank",
              "Rastplatz-Tank", "FrischMarkt", "Marktkorb", "Frischeladen", "GutKauf",
              "Dorfladen", "KaufEck", "Werkzeug-Profi", "Heimwerkerbedarf", "Schraubenkönig",
              "Eisenwaren-Eck", "Bastlerparadies", "HandwerkPlus"],
    },
    "it": {
        "S": ["Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci",
              "Marino", "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa",
              "Giordano", "Rizzo", "Lombardi", "Moretti", "Barbieri", "Fontana", "Santoro",
              "Mariani", "Rinaldi", "Caruso", "Ferrara", "Galli", "Martini", "Leone", "Longo",
              "Gentile", "Martinelli", "Vitale", "Lombardo", "Serra", "Coppola", "De Santis",
              "D'Angelo", "Marchetti", "Parisi", "Villa", "Conte", "Ferraro", "Ferri",
              "Fabbri", "Bianco", "Marini"],
        "F": ["Marco", "Giulia", "Luca", "Francesca", "Andrea", "Chiara", "Matteo", "Sara",
              "Lorenzo", "Elena", "Davide", "Anna", "Paolo", "Laura", "Giovanni", "Sofia",
              "Alessandro", "Martina", "Roberto", "Valentina", "Stefano", "Silvia", "Franco",
              "Rosa"],
        "P": ["del Corso", "della Piazza", "del Duomo", "della Stazione", "del Porto",
              "del Ponte", "del Mercato", "del Castello", "del Borgo", "della Torre",
              "delle Rose", "dei Mille", "del Sole", "della Fontana", "del Teatro",
              "dei Portici", "del Centro", "del Viale", "della Pace", "del Lago", "dei Colli",
              "del Parco", "della Vittoria", "del Giardino"],
        "A": ["Antico", "Vecchio", "Nuovo", "Buon", "Gran", "Piccolo", "Dolce", "Bel",
              "Caro", "Primo", "Vero", "Sano"],
        "B": ["CarburOil", "Petrolsud", "Energia Nord", "Distributori Riuniti", "AutoFuel",
              "BenzItalia", "SuperPiù", "Mercato Fresco", "Spesa Facile", "Buongusto",
              "Market Sole", "Dispensa Italia", "Utensil Casa", "FaiDaTe Centro",
              "Brico Italia", "Ferro e Legno", "Tuttoferramenta", "Colori & Co."],
    },
    "nl": {
        "S": ["de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen",
              "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos",
              "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra",
              "Smits", "de Graaf", "van der Meer", "van der Linden", "Kok", "Jacobs",
              "de Haan", "Vermeulen", "van den Heuvel", "van der Veen", "van den Broek",
              "de Bruijn", "de Bruin", "van der Heijden", "Schouten", "van Beek", "Willems",
              "van Vliet", "Peeters", "Maes", "Claes", "Wouters", "Goossens", "De Smet",
              "Mertens", "Verhoeven"],
        "F": ["Daan", "Emma", "Sem", "Julia", "Lucas", "Mila", "Levi", "Tess", "Finn",
              "Sophie", "Bram", "Anna", "Jesse", "Lotte", "Thijs", "Sanne", "Ruben", "Fleur",
              "Lars", "Eva", "Koen", "Iris", "Joost", "Nina"],
        "P": ["De Markt", "Het Plein", "De Haven", "De Molen", "De Brug", "De Kerk",
              "Het Station", "De Dijk", "De Gracht", "Het Park", "De Poort", "De Linde",
              "De Hoek", "Het Veer", "De Zwaan", "De Kroon", "De Sleutel", "Het Anker",
              "De Roos", "De Gouden Leeuw", "De Eik", "Het Hof", "De Wilg", "De Ster"],
        "A": ["Oude", "Nieuwe", "Gouden", "Kleine", "Grote", "Verse", "Lekkere", "Zoete",
              "Warme", "Blije", "Groene", "Witte"],
        "B": ["TankPlus", "BrandstofDirect", "Wegwijs Tank", "Polder Olie", "TankSnel",
              "RijVrij", "VersPunt", "BuurtMarkt", "Dagwinkel", "SuperVers", "Goedkoop & Co",
              "Polderwinkel", "KlusPunt", "IJzerhandel Centrum", "Doe-Het-Zelf Plaza",
              "Gereedschap Direct", "Bouwhoek", "KlusKoning"],
    },
}

# Trading-name templates per language and kind ({S2}: a second surname).
NAMES = {
    "fr": {
        "bakery": ["Boulangerie {S}", "Boulangerie {P}", "Au Fournil {P}", "La Mie {A}",
                   "Maison {S}", "Boulangerie-Pâtisserie {S}", "Le Pétrin de {F}"],
        "cafe": ["Café {P}", "Le Comptoir {P}", "Bar-Tabac {P}", "Café {S}", "Le Petit Café {P}",
                 "Brûlerie {S}"],
        "fuel": ["Station {B} {P}", "Relais {P}", "Garage {S}", "Station-service {P}", "{B} {S}"],
        "hardware": ["Quincaillerie {S}", "Quincaillerie {P}", "{B}", "Bricolage {S}",
                     "Comptoir {S} Outillage"],
        "pharmacy": ["Pharmacie {S}", "Pharmacie {P}", "Grande Pharmacie {P}",
                     "Pharmacie {S} & {S2}"],
        "restaurant": ["Restaurant {S}", "Le Bistrot {P}", "Brasserie {P}", "Chez {F}",
                       "La Table {A}", "L'Auberge {P}"],
        "supermarket": ["{B}", "Supérette {P}", "Épicerie {S}", "{B} {P}", "Primeurs {S}"],
    },
    "en": {
        "bakery": ["{S}'s Bakery", "The {P} Bakery", "{A} Crust Bakery", "{S} & Sons Bakers",
                   "{F}'s Bakehouse"],
        "cafe": ["{P} Café", "The {A} Cup", "{F}'s Coffee House", "Café {P}",
                 "The {P} Coffee Co."],
        "fuel": ["{B} {P}", "{P} Service Station", "{S} Motors", "{B}"],
        "hardware": ["{S} Hardware", "{S} & Sons Hardware", "{P} DIY", "{B}",
                     "{A} Hardware Store"],
        "pharmacy": ["{S} Pharmacy", "{P} Pharmacy", "{S}'s Chemist", "{S} & {S2} Chemists"],
        "restaurant": ["The {P} Kitchen", "{F}'s Bistro", "The {A} Lion", "{S}'s Grill",
                       "The {P} Arms"],
        "supermarket": ["{B}", "{B} {P}", "{S}'s Food Store", "{P} Stores"],
    },
    "de": {
        "bakery": ["Bäckerei {S}", "Bäckerei & Konditorei {S}", "Backstube {P}", "Bäckerei {P}"],
        "cafe": ["Café {P}", "Café {S}", "Kaffeehaus {S}", "Konditorei-Café {S}"],
        "fuel": ["{B} {P}", "Tankstelle {S}", "Autohof {S}", "{B}"],
        "hardware": ["Eisenwaren {S}", "Baumarkt {P}", "Werkzeug {S}", "{B}"],
        "pharmacy": ["{A}-Apotheke", "Apotheke {P}", "{A}-Apotheke {S}", "Stadt-Apotheke {S}"],
        "restaurant": ["Gasthaus zum {N}", "Restaurant {S}", "Wirtshaus {P}", "Brauhaus {S}",
                       "Zum {N}"],
        "supermarket": ["{B}", "{B} {P}", "Lebensmittel {S}", "Markt {S}"],
    },
    "it": {
        "bakery": ["Panificio {S}", "Forno {P}", "Panetteria {S}", "Il Fornaio {P}",
                   "{A} Forno {S}"],
        "cafe": ["Bar {P}", "Caffè {S}", "Bar Pasticceria {S}", "Caffetteria {P}"],
        "fuel": ["{B} {S}", "Stazione di servizio {S}", "Distributore {P}", "{B}"],
        "hardware": ["Ferramenta {S}", "Ferramenta {P}", "Colorificio {S}", "{B}"],
        "pharmacy": ["Farmacia {S}", "Farmacia {P}", "Farmacia Dott. {S}", "{A} Farmacia {P}"],
        "restaurant": ["Trattoria {P}", "Ristorante {S}", "Osteria {P}", "Pizzeria da {F}",
                       "Trattoria da {F}"],
        "supermarket": ["{B}", "Alimentari {S}", "Market {P}", "{B} {S}"],
    },
    "nl": {
        "bakery": ["Bakkerij {S}", "Warme Bakker {S}", "Bakkerij {P}", "Banketbakkerij {S}"],
        "cafe": ["Café {P}", "Eetcafé {P}", "Koffiebar {F}", "Lunchroom {P}"],
        "fuel": ["Tankstation {S}", "{B} {S}", "{B}", "Tankstation {P}"],
        "hardware": ["IJzerwaren {S}", "Doe-het-zelf {S}", "{B}", "Klusmarkt {S}"],
        "pharmacy": ["Apotheek {P}", "Apotheek {S}", "Stadsapotheek {S}"],
        "restaurant": ["Restaurant {P}", "Brasserie {S}", "Eetcafé {S}", "Bistro {P}"],
        "supermarket": ["{B}", "Buurtsuper {S}", "{B} {S}", "Versmarkt {P}"],
    },
}
# Which brands suit which kind (indices into WORDS[lang]["B"]: 0-5 fuel,
# 6-11 food shops, 12-17 hardware).
BRAND_RANGE = {"fuel": range(0, 6), "supermarket": range(6, 12), "hardware": range(12, 18)}

TAGLINES = {
    "fr": {"bakery": ["Artisan boulanger", "Pains - Viennoiseries - Pâtisseries",
                      "Boulanger depuis 1952"],
           "cafe": ["Bar - Tabac - Presse", "Salon de thé", "Torréfacteur"],
           "fuel": ["Carburants - Lavage - Boutique", "Ouvert 7j/7"],
           "hardware": ["Outillage - Droguerie - Jardin", "Quincaillerie générale"],
           "pharmacy": ["Pharmacie - Parapharmacie", "Orthopédie - Homéopathie"],
           "restaurant": ["Cuisine traditionnelle", "Bistrot - Bar à vins", "Fait maison"],
           "supermarket": ["Votre magasin de proximité", "Ouvert du lundi au samedi"]},
    "en": {"bakery": ["Family bakers since 1968", "Fresh bread daily"],
           "cafe": ["Specialty coffee", "Breakfast - Lunch - Cakes"],
           "fuel": ["Fuel - Car wash - Shop", "Open 24 hours"],
           "hardware": ["Tools - Paint - Garden", "Trade counter"],
           "pharmacy": ["Dispensing chemist", "Health & beauty"],
           "restaurant": ["Food served all day", "Pub & kitchen"],
           "supermarket": ["Your local store", "Open 7 days"]},
    "de": {"bakery": ["Meisterbäckerei seit 1921", "Brot - Brötchen - Kuchen"],
           "cafe": ["Kaffee & Kuchen", "Frühstück ganztags"],
           "fuel": ["Tankstelle - Waschanlage - Shop", "24h geöffnet"],
           "hardware": ["Werkzeug - Farben - Garten", "Fachhandel"],
           "pharmacy": ["Inh. Apotheker", "Gesundheit & Beratung"],
           "restaurant": ["Gutbürgerliche Küche", "Biergarten"],
           "supermarket": ["Ihr Nahversorger", "Frische jeden Tag"]},
    "it": {"bakery": ["Pane e dolci artigianali", "Forno a legna"],
           "cafe": ["Caffetteria - Pasticceria", "Colazioni e aperitivi"],
           "fuel": ["Carburanti - Autolavaggio", "Self 24h"],
           "hardware": ["Utensileria - Vernici - Giardinaggio"],
           "pharmacy": ["Farmacia - Parafarmacia", "Omeopatia - Dermocosmesi"],
           "restaurant": ["Cucina tipica", "Pizzeria - Ristorante"],
           "supermarket": ["Alimentari e freschi", "Aperto anche la domenica"]},
    "nl": {"bakery": ["Ambachtelijke bakker", "Brood & banket"],
           "cafe": ["Koffie - Lunch - Borrel", "Specialty coffee"],
           "fuel": ["Brandstof - Wasstraat - Shop", "24/7 open"],
           "hardware": ["Gereedschap - Verf - Tuin", "Vakhandel"],
           "pharmacy": ["Uw apotheek in de buurt"],
           "restaurant": ["Keuken open tot 22.00 uur", "Eten & drinken"],
           "supermarket": ["Uw buurtsupermarkt", "Elke dag vers"]},
}

# --------------------------------------------------------------------------
# Articles per kind: (vat category, unit, low, high, fr, en, de, it, nl).
# unit '' = pieces, 'kg' = weighed, 'l' = fuel litres, 'm' = sold by the metre.

ITEMS = {
    "bakery": [
        ("food", "", 0.95, 1.40, "Baguette tradition", "French baguette", "Baguette", "Baguette", "Stokbrood"),
        ("food", "", 0.90, 1.50, "Croissant", "Croissant", "Butter-Croissant", "Cornetto", "Roomboter croissant"),
        ("food", "", 1.00, 1.70, "Pain au chocolat", "Pain au chocolat", "Schoko-Croissant", "Saccottino al cioccolato", "Chocoladebroodje"),
        ("food", "", 2.50, 4.80, "Pain de campagne", "Sourdough loaf", "Bauernbrot", "Pane casereccio", "Boerenbrood"),
        ("food", "", 2.20, 3.50, "Éclair au café", "Coffee éclair", "Kaffee-Eclair", "Eclair al caffè", "Koffie-eclair"),
        ("food", "", 2.80, 4.50, "Tarte aux pommes", "Apple tart", "Apfelkuchen", "Torta di mele", "Appeltaart"),
        ("food", "", 2.30, 3.60, "Flan pâtissier", "Custard tart", "Puddingteilchen", "Crostata alla crema", "Vlaai punt"),
        ("food", "", 3.90, 5.90, "Sandwich jambon-beurre", "Ham sandwich", "Schinkenbrötchen", "Panino al prosciutto", "Broodje ham"),
        ("rest", "", 1.20, 2.80, "Café", "Coffee", "Kaffee", "Caffè", "Koffie"),
        ("food", "", 3.50, 6.50, "Brioche", "Brioche loaf", "Hefezopf", "Pan brioche", "Suikerbrood"),
        ("food", "", 2.40, 3.90, "Chouquettes x10", "Sugar puffs x10", "Windbeutel 10 Stk", "Bignè 10 pz", "Soesjes 10 st"),
        ("food", "", 0.40, 0.90, "Petit pain", "Bread roll", "Brötchen", "Panino", "Pistolet"),
    ],
    "cafe": [
        ("rest", "", 1.40, 2.60, "Expresso", "Espresso", "Espresso", "Caffè espresso", "Espresso"),
        ("rest", "", 2.80, 4.20, "Café crème", "Cappuccino", "Cappuccino", "Cappuccino", "Cappuccino"),
        ("rest", "", 2.50, 4.00, "Thé", "Pot of tea", "Tee", "Tè", "Thee"),
        ("rest", "", 3.20, 4.80, "Chocolat chaud", "Hot chocolate", "Heiße Schokolade", "Cioccolata calda", "Warme chocolademelk"),
        ("rest", "", 3.80, 5.50, "Jus d'orange pressé", "Fresh orange juice", "Frischer O-Saft", "Spremuta d'arancia", "Verse jus d'orange"),
        ("rest", "", 5.50, 8.90, "Croque-monsieur", "Cheese toastie", "Toast Hawaii", "Toast prosciutto e formaggio", "Tosti ham-kaas"),
        ("std", "", 3.50, 5.90, "Bière pression 25cl", "Pint of lager", "Pils 0,3l", "Birra media", "Biertje"),
        ("rest", "", 2.00, 3.50, "Eau minérale 50cl", "Still water", "Mineralwasser", "Acqua minerale", "Spa blauw"),
        ("std", "", 4.00, 6.50, "Verre de vin rouge", "Glass of red wine", "Glas Rotwein", "Calice di rosso", "Glas rode wijn"),
        ("rest", "", 2.20, 3.90, "Cookie", "Flapjack", "Apfelstrudel", "Cornetto alla crema", "Appeltaart"),
        ("rest", "", 7.50, 12.50, "Salade du jour", "Soup and sandwich", "Tagessuppe", "Insalata mista", "Soep van de dag"),
    ],
    "fuel": [
        ("std", "l", 1.699, 1.989, "SP95-E10", "Unleaded", "Super E10", "Benzina", "Euro 95 E10"),
        ("std", "l", 1.599, 1.899, "Gazole", "Diesel", "Diesel", "Gasolio", "Diesel"),
        ("std", "l", 1.789, 2.099, "SP98", "Super unleaded", "Super Plus", "Benzina 100", "Super Plus 98"),
        ("std", "", 4.50, 7.90, "Lave-glace 5L", "Screenwash 5L", "Scheibenreiniger 5l", "Liquido tergicristalli", "Ruitensproeier 5L"),
        ("rest", "", 1.80, 3.20, "Café", "Coffee to go", "Kaffee to go", "Caffè", "Koffie"),
        ("food", "", 1.20, 2.20, "Eau 50cl", "Water 500ml", "Wasser 0,5l", "Acqua 0,5l", "Water 0,5L"),
        ("std", "", 8.00, 15.00, "Lavage programme 3", "Car wash deluxe", "Autowäsche Premium", "Autolavaggio", "Wasprogramma 3"),
        ("food", "", 1.90, 3.50, "Chips 150g", "Crisps", "Chips 175g", "Patatine", "Chips"),
    ],
    "hardware": [
        ("std", "", 6.90, 12.90, "Vis bois 4x40 boîte 200", "Wood screws 4x40 box 200", "Holzschrauben 4x40 200St", "Viti legno 4x40 200pz", "Houtschroeven 4x40 200st"),
        ("std", "", 3.50, 6.90, "Chevilles nylon 8mm x50", "Wall plugs 8mm x50", "Dübel 8mm 50 Stk", "Tasselli 8mm 50pz", "Pluggen 8mm 50st"),
        ("std", "", 3.90, 8.90, "Ampoule LED E27 9W", "LED bulb E27 9W", "LED-Lampe E27 9W", "Lampadina LED E27 9W", "LED-lamp E27 9W"),
        ("std", "", 4.50, 9.90, "Ruban adhésif toilé", "Duct tape 50m", "Gewebeband 50m", "Nastro americano", "Ducttape 50m"),
        ("std", "", 3.20, 7.50, "Pinceau plat 50mm", "Paint brush 2in", "Flachpinsel 50mm", "Pennello piatto 50mm", "Platte kwast 50mm"),
        ("std", "", 19.90, 39.90, "Peinture acrylique blanche 2,5L", "White emulsion 2.5L", "Wandfarbe weiß 2,5l", "Idropittura bianca 2,5l", "Muurverf wit 2,5L"),
        ("std", "", 6.90, 14.90, "Mètre ruban 5m", "Tape measure 5m", "Maßband 5m", "Metro a nastro 5m", "Rolmaat 5m"),
        ("std", "", 7.90, 16.90, "Cadenas laiton 40mm", "Brass padlock 40mm", "Vorhängeschloss 40mm", "Lucchetto ottone 40mm", "Hangslot 40mm"),
        ("std", "", 4.90, 11.90, "Gants de travail", "Work gloves", "Arbeitshandschuhe", "Guanti da lavoro", "Werkhandschoenen"),
        ("std", "", 5.90, 9.90, "Silicone sanitaire blanc", "Bathroom sealant", "Sanitärsilikon weiß", "Silicone sigillante", "Sanitairkit wit"),
        ("std", "m", 0.89, 1.79, "Câble 3G1,5 au mètre", "Cable 3-core per metre", "Kabel NYM 3x1,5 lfm", "Cavo 3x1,5 al metro", "Kabel 3x1,5 per meter"),
        ("std", "", 14.90, 34.90, "Jeu de tournevis", "Screwdriver set", "Schraubendreher-Set", "Set cacciaviti", "Schroevendraaierset"),
        ("std", "", 2.50, 5.90, "Papier abrasif grain 120", "Sandpaper 120 grit", "Schleifpapier K120", "Carta abrasiva 120", "Schuurpapier K120"),
        ("std", "kg", 6.90, 12.90, "Clous vrac", "Nails loose", "Nägel lose", "Chiodi sfusi", "Spijkers los"),
    ],
    "pharmacy": [
        ("med", "", 1.95, 3.50, "Paracétamol 1000mg 8 cp", "Paracetamol 500mg 16 tablets", "Paracetamol 500mg 20 Tbl", "Paracetamolo 1000mg 16 cpr", "Paracetamol 500mg 20st"),
        ("med", "", 2.50, 4.90, "Ibuprofène 400mg 12 cp", "Ibuprofen 200mg 16 tablets", "Ibuprofen 400mg 20 Tbl", "Ibuprofene 400mg 12 cpr", "Ibuprofen 400mg 20st"),
        ("med", "", 5.90, 9.90, "Sirop toux sèche", "Dry cough syrup", "Hustensaft", "Sciroppo tosse secca", "Hoestsiroop"),
        ("std", "", 9.90, 19.90, "Crème solaire SPF50", "Sun cream SPF50", "Sonnencreme LSF 50", "Crema solare SPF 50", "Zonnebrand SPF 50"),
        ("std", "", 2.50, 5.50, "Dentifrice fluor", "Fluoride toothpaste", "Zahnpasta", "Dentifricio", "Tandpasta"),
        ("med", "", 2.90, 5.90, "Pansements x20", "Plasters x20", "Pflaster 20 Stk", "Cerotti 20pz", "Pleisters 20st"),
        ("med", "", 3.50, 6.90, "Sérum physiologique", "Saline nasal spray", "Nasenspray Meerwasser", "Soluzione fisiologica", "Neusspray zout"),
        ("food", "", 5.90, 11.90, "Vitamine C 1000 x20", "Vitamin C 1000 x20", "Vitamin C 1000 20 Stk", "Vitamina C 1000 20cpr", "Vitamine C 1000 20st"),
        ("std", "", 2.90, 5.90, "Gel hydroalcoolique", "Hand sanitiser", "Desinfektionsgel", "Gel igienizzante", "Handgel"),
        ("std", "", 8.90, 16.90, "Thermomètre digital", "Digital thermometer", "Fieberthermometer", "Termometro digitale", "Digitale thermometer"),
        ("med", "", 4.20, 7.50, "Pastilles gorge", "Throat lozenges", "Halstabletten", "Pastiglie gola", "Keelpastilles"),
        ("std", "", 2.90, 5.90, "Baume à lèvres", "Lip balm", "Lippenpflege", "Burrocacao", "Lippenbalsem"),
    ],
    "restaurant": [
        ("rest", "", 14.50, 21.90, "Menu du jour", "Set menu", "Tagesmenü", "Menù del giorno", "Dagmenu"),
        ("rest", "", 18.50, 28.00, "Entrecôte frites", "Steak and chips", "Rumpsteak mit Pommes", "Tagliata di manzo", "Biefstuk met friet"),
        ("rest", "", 11.50, 16.50, "Salade César", "Caesar salad", "Caesar Salat", "Insalata Caesar", "Caesarsalade"),
        ("rest", "", 12.00, 17.50, "Plat du jour", "Fish and chips", "Schnitzel Wiener Art", "Lasagne al forno", "Dagschotel"),
        ("rest", "", 6.50, 9.50, "Dessert du jour", "Sticky toffee pudding", "Apfelstrudel", "Tiramisù", "Dame blanche"),
        ("rest", "", 7.50, 10.50, "Café gourmand", "Cheese board", "Kaiserschmarrn", "Panna cotta", "Kaasplankje"),
        ("std", "", 12.00, 19.00, "Pichet vin rouge 50cl", "Bottle of house red", "Hauswein rot 0,5l", "Vino della casa 1/2 l", "Huiswijn rood karaf"),
        ("rest", "", 3.50, 6.00, "Eau gazeuse 1L", "Sparkling water", "Mineralwasser 0,75l", "Acqua frizzante 1l", "Spa rood 1L"),
        ("std", "", 4.50, 6.90, "Bière pression 50cl", "Pint of bitter", "Weißbier 0,5l", "Birra alla spina", "Tapbier 0,5L"),
        ("rest", "", 6.50, 9.50, "Soupe à l'oignon", "Soup of the day", "Tagessuppe", "Zuppa del giorno", "Soep van de dag"),
        ("rest", "", 9.00, 13.50, "Pizza Margherita", "Pizza Margherita", "Pizza Margherita", "Pizza Margherita", "Pizza Margherita"),
        ("rest", "", 2.00, 3.20, "Café", "Espresso", "Espresso", "Caffè", "Koffie"),
    ],
    "supermarket": [
        ("food", "", 0.89, 1.49, "Lait demi-écrémé 1L", "Semi-skimmed milk 2pt", "H-Milch 1,5% 1l", "Latte p.s. 1l", "Halfvolle melk 1L"),
        ("food", "", 0.79, 1.89, "Spaghetti 500g", "Spaghetti 500g", "Spaghetti 500g", "Spaghetti 500g", "Spaghetti 500g"),
        ("food", "kg", 1.99, 3.49, "Pommes Golden", "Braeburn apples", "Äpfel Elstar", "Mele Golden", "Appels Elstar"),
        ("food", "kg", 1.49, 2.49, "Bananes", "Bananas", "Bananen", "Banane", "Bananen"),
        ("food", "kg", 2.99, 4.99, "Tomates grappe", "Vine tomatoes", "Rispentomaten", "Pomodori a grappolo", "Trostomaten"),
        ("food", "", 2.19, 3.49, "Beurre doux 250g", "Salted butter 250g", "Deutsche Markenbutter", "Burro 250g", "Roomboter 250g"),
        ("food", "", 1.29, 2.49, "Yaourt nature x4", "Natural yoghurt 500g", "Joghurt natur 500g", "Yogurt bianco x4", "Yoghurt naturel 1L"),
        ("food", "", 1.99, 3.49, "Oeufs plein air x6", "Free range eggs x6", "Eier Freiland 10 St", "Uova fresche x6", "Scharreleieren 10st"),
        ("food", "", 2.99, 5.49, "Café moulu 250g", "Ground coffee 227g", "Röstkaffee 500g", "Caffè macinato 250g", "Koffie snelfilter 500g"),
        ("food", "", 1.99, 3.99, "Eau de source 6x1,5L", "Still water 6x1.5L", "Mineralwasser 6x1,5l", "Acqua naturale 6x1,5l", "Bronwater 6x1,5L"),
        ("std", "", 3.49, 6.99, "Papier toilette x12", "Toilet roll 9 pack", "Toilettenpapier 10 R", "Carta igienica 12 rt", "Toiletpapier 12 rol"),
        ("std", "", 1.49, 3.29, "Liquide vaisselle", "Washing-up liquid", "Spülmittel", "Detersivo piatti", "Afwasmiddel"),
        ("std", "", 4.99, 12.99, "Vin rouge AOC 75cl", "Merlot 75cl", "Rotwein trocken 0,75l", "Chianti DOCG 75cl", "Rode wijn 75cl"),
        ("food", "", 1.39, 2.59, "Chips nature 150g", "Ready salted crisps", "Kartoffelchips", "Patatine classiche", "Chips naturel"),
        ("food", "", 2.49, 3.99, "Jambon blanc x4", "Cooked ham 120g", "Kochschinken 200g", "Prosciutto cotto", "Beenham 150g"),
        ("food", "", 3.29, 5.99, "Comté 200g", "Mature cheddar 400g", "Gouda jung 400g", "Parmigiano 200g", "Goudse kaas 48+"),
        ("food", "", 1.59, 2.99, "Jus d'orange 1L", "Orange juice 1L", "Orangensaft 1l", "Succo d'arancia 1l", "Sinaasappelsap 1L"),
        ("food", "", 1.79, 3.29, "Riz basmati 1kg", "Basmati rice 1kg", "Basmati Reis 1kg", "Riso basmati 1kg", "Basmati rijst 1kg"),
        ("std", "", 5.99, 11.99, "Lessive liquide 2L", "Laundry liquid 1.5L", "Flüssigwaschmittel", "Detersivo lavatrice", "Vloeibaar wasmiddel"),
        ("std", "", 2.49, 4.99, "Shampooing 250ml", "Shampoo 250ml", "Shampoo 300ml", "Shampoo 250ml", "Shampoo 250ml"),
        ("food", "", 1.19, 2.49, "Chocolat noir 100g", "Dark chocolate 100g", "Zartbitterschokolade", "Cioccolato fondente", "Pure chocolade"),
        ("food", "", 0.99, 1.99, "Baguette", "White bloomer", "Mischbrot", "Pane comune", "Wit brood"),
    ],
}
LANG_COL = {"fr": 4, "en": 5, "de": 6, "it": 7, "nl": 8}

# --------------------------------------------------------------------------
# Wording per language.  Lists are choices a shop makes once (layout);
# strings are fixed.

WORDING = {
    "fr": {
        "total": ["TOTAL", "Total TTC", "A PAYER", "NET A PAYER", "Montant", "TOTAL EUR",
                  "Montant TTC", "TOTAL A PAYER", "Total", "TOTAL TTC"],
        "subtotal": ["Sous-total", "SOUS-TOTAL", "S/TOTAL", "Total articles"],
        "discount": ["Remise", "REMISE FIDELITE", "Réduction", "Promo"],
        "cash": ["Espèces", "ESPECES", "Règlement espèces"],
        "change": ["Rendu", "Rendu monnaie", "A rendre", "Monnaie rendue"],
        "card": ["CB", "Carte bancaire", "CB SANS CONTACT", "VISA", "CB EMV"],
        "voucher_pay": ["Titre-restaurant", "Ticket Resto"],
        "ticket": ["Ticket", "Ticket n°", "N° ticket", "Transaction", "N° de transaction"],
        "cashier": ["Caissier", "Hôtesse", "Vendeur", "Vous avez été servi par", "Opérateur"],
        "till": ["Caisse", "Poste", "TPV"],
        "count": ["Nombre d'articles", "Nb articles", "Articles"],
        "date": ["Date", "Le", "Date de vente"],
        "time": ["Heure", "à"],
        "joiner": [" ", "  ", " - ", " à "],
        "vat": "TVA", "incl": ["dont TVA", "Dont TVA"], "net": "HT", "gross": "TTC", "rate": "Taux",
        "total_net": "Total HT", "total_vat": "Total TVA",
        "thanks": ["Merci de votre visite", "MERCI ET A BIENTOT", "Merci et bonne journée",
                   "A bientôt !", "MERCI DE VOTRE FIDELITE"],
        "return": "Échange possible jusqu'au {date} sur présentation du ticket",
        "voucher": "Bon de réduction de {amount} valable jusqu'au {date}",
        "loyalty": "Carte fidélité n° {card}", "points": "Cagnotte au {date} : {amount}",
        "saved": "Vous avez économisé {amount}",
        "keep": "Ticket à conserver",
        "table": "Table", "covers": "Couverts", "service": "Service compris",
        "title_page": ["TICKET DE CAISSE", "TICKET", "NOTE", "REÇU"],
        "cols": ("Qté", "Désignation", "P.U.", "Montant"),
        "tel": "Tél.", "pump": "Pompe", "per": "/L", "unit_kg": "€/kg",
        "siret": "SIRET", "vat_id": "TVA intra.", "ape": "NAF",
        "card_sale": "DEBIT", "card_amount": "MONTANT", "card_keep": "TICKET CLIENT A CONSERVER",
        "prescription": "Ordonnance du {date}",
        "hours": "Ouvert du mardi au samedi 7h-19h30",
    },
    "en": {
        "total": ["TOTAL", "Total", "Amount due", "BALANCE DUE", "TOTAL TO PAY", "Grand Total",
                  "AMOUNT", "Total due", "TOTAL GBP", "Balance"],
        "subtotal": ["Subtotal", "SUB-TOTAL", "Sub Total", "Items total"],
        "discount": ["Discount", "Multibuy saving", "Loyalty discount", "Offer"],
        "cash": ["Cash", "CASH TENDERED", "Cash paid"],
        "change": ["Change", "CHANGE DUE", "Change given"],
        "card": ["Card", "VISA", "CONTACTLESS", "Debit card", "Mastercard"],
        "voucher_pay": ["Gift card", "Voucher"],
        "ticket": ["Receipt No.", "Trans", "Receipt #", "Ref", "Transaction No."],
        "cashier": ["Served by", "Cashier", "Operator", "Your server", "Staff"],
        "till": ["Till", "POS", "Register"],
        "count": ["Items", "No. of items", "Item count"],
        "date": ["Date", "Date"],
        "time": ["Time"],
        "joiner": [" ", "  ", " - ", " at "],
        "vat": "VAT", "incl": ["Incl. VAT", "VAT included"], "net": "Net", "gross": "Gross",
        "rate": "Rate", "total_net": "Total ex VAT", "total_vat": "Total VAT",
        "thanks": ["Thank you for shopping with us", "THANK YOU - PLEASE CALL AGAIN",
                   "Thanks for your visit!", "See you soon"],
        "return": "Returns accepted until {date} with this receipt",
        "voucher": "Save {amount} on your next visit - valid until {date}",
        "loyalty": "Loyalty card {card}", "points": "Points balance at {date}: {amount}",
        "saved": "You saved {amount} today",
        "keep": "Please keep your receipt",
        "table": "Table", "covers": "Covers", "service": "Service charge",
        "title_page": ["RECEIPT", "SALES RECEIPT", "BILL", "VAT RECEIPT"],
        "cols": ("Qty", "Description", "Price", "Amount"),
        "tel": "Tel", "pump": "Pump", "per": "/L", "unit_kg": "/kg",
        "siret": "Co. No.", "vat_id": "VAT No.", "ape": "",
        "card_sale": "SALE", "card_amount": "AMOUNT", "card_keep": "CUSTOMER COPY",
        "prescription": "Prescription dated {date}",
        "hours": "Open Mon-Sat 8am-6pm",
    },
    "de": {
        "total": ["SUMME", "Summe EUR", "Gesamt", "Zu zahlen", "GESAMTBETRAG", "Total",
                  "SUMME EUR", "Endbetrag", "Gesamtsumme", "Betrag"],
        "subtotal": ["Zwischensumme", "ZW-SUMME", "Zwischensu.", "Summe Artikel"],
        "discount": ["Rabatt", "Treuerabatt", "Aktion", "Nachlass"],
        "cash": ["Bar", "BAR", "Gegeben"],
        "change": ["Rückgeld", "Zurück", "RUECKGELD"],
        "card": ["EC-Karte", "girocard", "Kartenzahlung", "VISA", "Maestro"],
        "voucher_pay": ["Gutschein", "Essensmarke"],
        "ticket": ["Beleg-Nr.", "Bon-Nr.", "Bon", "Beleg", "Vorgang"],
        "cashier": ["Es bediente Sie", "Kassierer", "Bediener", "Bedienung", "Mitarbeiter"],
        "till": ["Kasse", "Kassen-Nr.", "Terminal"],
        "count": ["Anzahl Artikel", "Artikel", "Posten"],
        "date": ["Datum", "Datum"],
        "time": ["Uhrzeit", "Zeit"],
        "joiner": [" ", "  ", " um ", " - "],
        "vat": "MwSt", "incl": ["inkl. MwSt", "enth. MwSt"], "net": "Netto", "gross": "Brutto",
        "rate": "Satz", "total_net": "Netto gesamt", "total_vat": "MwSt gesamt",
        "thanks": ["Vielen Dank für Ihren Einkauf", "Danke und auf Wiedersehen",
                   "Wir danken für Ihren Besuch", "Bis bald!"],
        "return": "Umtausch bis {date} nur mit Kassenbon",
        "voucher": "Gutschein über {amount}, gültig bis {date}",
        "loyalty": "Kundenkarte {card}", "points": "Bonusguthaben am {date}: {amount}",
        "saved": "Sie haben {amount} gespart",
        "keep": "Bitte Bon aufbewahren",
        "table": "Tisch", "covers": "Personen", "service": "Bedienung",
        "title_page": ["KASSENBELEG", "QUITTUNG", "KASSENBON", "BELEG"],
        "cols": ("Menge", "Artikel", "Preis", "Betrag"),
        "tel": "Tel.", "pump": "Säule", "per": "/l", "unit_kg": "EUR/kg",
        "siret": "HRB", "vat_id": "USt-IdNr.", "ape": "St.-Nr.",
        "card_sale": "Zahlung", "card_amount": "Betrag", "card_keep": "Kundenbeleg",
        "prescription": "Rezept vom {date}",
        "hours": "Mo-Fr 6:30-18:30, Sa 7-13 Uhr",
    },
    "it": {
        "total": ["TOTALE", "Totale", "TOTALE EURO", "Totale complessivo", "Importo",
                  "TOTALE DA PAGARE", "Da pagare", "TOTALE COMPLESSIVO", "Tot. EUR", "Totale documento"],
        "subtotal": ["Subtotale", "SUBTOTALE", "Parziale", "Totale articoli"],
        "discount": ["Sconto", "Sconto fedeltà", "Promozione", "Abbuono"],
        "cash": ["Contanti", "CONTANTE", "Pagamento contante"],
        "change": ["Resto", "RESTO", "Resto contante"],
        "card": ["Pagamento elettronico", "Bancomat", "Carta di credito", "POS", "VISA"],
        "voucher_pay": ["Buono pasto", "Ticket"],
        "ticket": ["Scontrino n.", "Doc. n.", "DOCUMENTO N.", "N. scontrino", "Ricevuta n."],
        "cashier": ["Operatore", "Cassiere", "Cassa operatore", "Vi ha servito", "Addetto"],
        "till": ["Cassa", "RT", "Postazione"],
        "count": ["Numero articoli", "N. pezzi", "Pezzi"],
        "date": ["Data", "Del"],
        "time": ["Ora", "ore"],
        "joiner": [" ", "  ", " - ", " ore "],
        "vat": "IVA", "incl": ["di cui IVA", "Di cui IVA"], "net": "Imponibile", "gross": "Totale",
        "rate": "Aliq.", "total_net": "Totale imponibile", "total_vat": "Totale IVA",
        "thanks": ["Grazie e arrivederci", "GRAZIE PER LA VISITA", "Arrivederci e grazie",
                   "Vi aspettiamo!"],
        "return": "Cambio merce entro il {date} con scontrino",
        "voucher": "Buono sconto di {amount} valido fino al {date}",
        "loyalty": "Carta fedeltà {card}", "points": "Saldo punti al {date}: {amount}",
        "saved": "Hai risparmiato {amount}",
        "keep": "Conservare lo scontrino",
        "table": "Tavolo", "covers": "Coperti", "service": "Servizio",
        "title_page": ["DOCUMENTO COMMERCIALE", "RICEVUTA", "CONTO", "SCONTRINO"],
        "cols": ("Q.tà", "Descrizione", "Prezzo", "Importo"),
        "tel": "Tel.", "pump": "Erogatore", "per": "/l", "unit_kg": "€/kg",
        "siret": "REA", "vat_id": "P.IVA", "ape": "C.F.",
        "card_sale": "ACQUISTO", "card_amount": "IMPORTO", "card_keep": "COPIA CLIENTE",
        "prescription": "Ricetta del {date}",
        "hours": "Orario: lun-sab 8:00-20:00",
    },
    "nl": {
        "total": ["TOTAAL", "Totaal", "Te betalen", "TE BETALEN", "Totaalbedrag", "Bedrag",
                  "Totaal EUR", "TOTAAL BEDRAG", "Eindtotaal", "Af te rekenen"],
        "subtotal": ["Subtotaal", "SUBTOTAAL", "Tussentotaal", "Totaal artikelen"],
        "discount": ["Korting", "Bonuskorting", "Actie", "Voordeel"],
        "cash": ["Contant", "CONTANT", "Kontant"],
        "change": ["Wisselgeld", "Terug", "TERUG"],
        "card": ["PIN", "Pinbetaling", "Maestro", "V PAY", "Bancontact"],
        "voucher_pay": ["Cadeaubon", "Waardebon"],
        "ticket": ["Bonnr.", "Bon", "Transactie", "Kassabon nr.", "Ticket"],
        "cashier": ["U werd geholpen door", "Kassamedewerker", "Medewerker", "Kassier", "Bediening"],
        "till": ["Kassa", "Kassa nr.", "Terminal"],
        "count": ["Aantal artikelen", "Artikelen", "Stuks"],
        "date": ["Datum", "Datum"],
        "time": ["Tijd", "Tijdstip"],
        "joiner": [" ", "  ", " - ", " om "],
        "vat": "BTW", "incl": ["incl. BTW", "Waarvan BTW"], "net": "Excl.", "gross": "Incl.",
        "rate": "Tarief", "total_net": "Totaal excl. BTW", "total_vat": "Totaal BTW",
        "thanks": ["Bedankt en tot ziens", "BEDANKT VOOR UW BEZOEK", "Tot de volgende keer!",
                   "Dank u wel"],
        "return": "Ruilen tot {date} alleen met kassabon",
        "voucher": "Waardebon {amount} geldig tot {date}",
        "loyalty": "Klantenkaart {card}", "points": "Spaartegoed op {date}: {amount}",
        "saved": "U heeft {amount} bespaard",
        "keep": "Bewaar uw kassabon",
        "table": "Tafel", "covers": "Personen", "service": "Bediening",
        "title_page": ["KASSABON", "KWITANTIE", "REKENING", "BON"],
        "cols": ("Aantal", "Omschrijving", "Prijs", "Bedrag"),
        "tel": "Tel.", "pump": "Pomp", "per": "/L", "unit_kg": "€/kg",
        "siret": "KvK", "vat_id": "BTW", "ape": "",
        "card_sale": "BETALING", "card_amount": "BEDRAG", "card_keep": "KLANTTICKET",
        "prescription": "Recept van {date}",
        "hours": "Ma-za 8.00-18.00 uur",
    },
}

MONTHS = {
    "fr": fm.MONTHS_FR,
    "en": fm.MONTHS_EN,
    "de": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
           "September", "Oktober", "November", "Dezember"],
    "it": ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
           "settembre", "ottobre", "novembre", "dicembre"],
    "nl": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
           "september", "oktober", "november", "december"],
}
WEEKDAYS = {
    "fr": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "de": ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"],
    "it": ["lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"],
    "nl": ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"],
}
# Date styles per language (example for 2026-03-12).
DATE_STYLES = {
    "dmy_slash": "12/03/2026", "dmy_slash2": "12/03/26", "dmy_dot": "12.03.2026",
    "dmy_dot2": "12.03.26", "dmy_dash": "12-03-2026", "iso": "2026-03-12",
    "long": "12 mars 2026 / 12. März 2026", "long_wd": "jeudi 12 mars 2026",
    "mon_short": "12 Mar 2026", "dmon": "12-MAR-2026",
}
LANG_DATES = {
    "fr": ["dmy_slash", "dmy_slash2", "dmy_dot2", "long", "long_wd", "iso", "dmon"],
    "en": ["dmy_slash", "dmy_slash2", "long", "long_wd", "mon_short", "iso", "dmon"],
    "de": ["dmy_dot", "dmy_dot2", "long", "long_wd", "iso", "dmon"],
    "it": ["dmy_slash", "dmy_dash", "dmy_slash2", "long", "long_wd", "iso", "dmon"],
    "nl": ["dmy_dash", "dmy_slash", "dmy_dot2", "long", "long_wd", "iso", "dmon"],
}
LANG_TIMES = {"fr": ["hm", "hms", "h_fr"], "en": ["hm", "hms", "ampm"],
              "de": ["hm", "hms", "uhr"], "it": ["hm", "hms"], "nl": ["hm", "hms", "dot"]}
NUM_STYLES = {"fr": ["fr", "fr_plain"], "en": ["en"], "de": ["de", "de_plain"],
              "it": ["de", "de_plain"], "nl": ["de", "de_plain"]}
CUR_DISPLAY = {"fr": ["none", "sym_suffix", "code_suffix", "code_prefix"],
               "en": ["none", "sym_prefix", "code_prefix"],
               "de": ["none", "sym_suffix", "code_suffix", "code_prefix"],
               "it": ["none", "sym_suffix", "sym_prefix", "code_prefix"],
               "nl": ["none", "sym_prefix", "code_prefix", "sym_suffix"]}
CUR_SYMBOL = {"EUR": "€", "GBP": "£"}


def fmt_date(d: date, style: str, lang: str) -> str:
    m = MONTHS[lang][d.month - 1]
    if style == "dmy_slash":
        return f"{d.day:02d}/{d.month:02d}/{d.year}"
    if style == "dmy_slash2":
        return f"{d.day:02d}/{d.month:02d}/{d.year % 100:02d}"
    if style == "dmy_dot":
        return f"{d.day:02d}.{d.month:02d}.{d.year}"
    if style == "dmy_dot2":
        return f"{d.day:02d}.{d.month:02d}.{d.year % 100:02d}"
    if style == "dmy_dash":
        return f"{d.day:02d}-{d.month:02d}-{d.year}"
    if style == "iso":
        return d.isoformat()
    if style == "dmon":
        return f"{d.day:02d}-{fm.MON_EN[d.month - 1]}-{d.year}"
    if style == "mon_short":
        return f"{d.day} {fm.MONTHS_EN[d.month - 1][:3]} {d.year}"
    day = "1er" if lang == "fr" and d.day == 1 else (f"{d.day}." if lang == "de" else str(d.day))
    text = f"{day} {m} {d.year}"
    if style == "long":
        return text
    if style == "long_wd":
        wd = WEEKDAYS[lang][d.weekday()]
        return f"{wd}, {text}" if lang in ("de", "en") else f"{wd} {text}"
    raise ValueError(style)


def fmt_time(h: int, mi: int, s: int, style: str) -> str:
    if style == "hm":
        return f"{h:02d}:{mi:02d}"
    if style == "hms":
        return f"{h:02d}:{mi:02d}:{s:02d}"
    if style == "h_fr":
        return f"{h:02d}h{mi:02d}"
    if style == "ampm":
        return f"{(h - 1) % 12 + 1}:{mi:02d} {'AM' if h < 12 else 'PM'}"
    if style == "uhr":
        return f"{h:02d}:{mi:02d} Uhr"
    if style == "dot":
        return f"{h:02d}.{mi:02d}"
    raise ValueError(style)


def q2(x) -> Decimal:
    return Decimal(x).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


# --------------------------------------------------------------------------
# Shops and layouts


@dataclass(frozen=True)
class RLayout:
    id: str
    lang: str
    paper: str            # 'roll58' | 'roll80' | 'A5' | 'A4'
    font: str             # draw.FONT_FAMILIES key
    size: float           # base size (proportional fonts; mono rolls derive it from cols)
    cols: int             # characters per line of a monospaced roll (0: proportional)
    align: str            # header 'center' | 'left'
    kv: str               # label/value rows: 'spaces' | 'leaders' | 'split' | 'colon' | 'tab'
    item_style: str       # 'A' name+amount, qty line under | 'B' qty name amount |
    #                       'C' qty x price line under the name | 'D' columns
    vat_style: str        # 'table' | 'lines' | 'incl' | 'codes'
    date_fmt: str
    time_fmt: str         # '' when no time is printed
    date_place: str       # 'top_row' | 'top_line' | 'meta' | 'bottom'
    joiner: str           # between date and time on one line
    num: str              # 'fr' | 'fr_plain' | 'de' | 'de_plain' | 'en'
    cur_total: str        # currency display on the total: CUR_DISPLAY
    cur_all: bool         # every amount carries the currency mark, not only the total
    neg: str              # 'minus' (-0,50) | 'trailing' (0,50-)
    upper: bool           # name and address printed in capitals
    items_upper: bool
    addr_lines: int       # 1 | 2
    addr_sep: str         # separator when the address is on one line
    total_emph: str       # 'bold' | 'big' | 'rule' | 'box' | 'inverse'
    rule: str             # '-' | '=' | '*' | 'line' | ''
    logo: str             # '' | 'circle' | 'square' | 'diamond' | 'bars'
    barcode: str          # '' | 'code128' | 'qr'
    card_slip: bool
    vat_codes: bool       # a VAT letter after each item amount
    legal_top: bool       # registration / VAT ids under the address instead of in the footer
    labels: dict = field(default_factory=dict, hash=False, compare=False)
    accent: str = "#000000"

    def label(self, key: str) -> str:
        return self.labels[key]

    # legacy manifest keys (docgen writes table_style / header_style / po_place)
    @property
    def table_style(self):
        return self.kv

    @property
    def header_style(self):
        return self.align

    po_place = None

    def signature(self):
        """What must differ between a held-out layout and the layouts of earlier families."""
        return (self.lang, self.paper, self.kv, self.date_fmt, self.num, self.cur_total,
                self.labels["total"])

    def title(self, doc_type="receipt"):
        return self.labels.get("title") or "Receipt"

    def money(self, x: Decimal, cur: str, display: str = None) -> str:
        """Printed amount; display None: the layout's display for ordinary amounts."""
        if display is None:
            display = self.cur_total if self.cur_all else "none"
        style = self.num.split("_")[0]
        s = fm.fmt_number(abs(x), 2, style, group=not self.num.endswith("plain"))
        if x < 0:
            s = "-" + s if self.neg == "minus" else s + "-"
        return with_currency(s, cur, display, self.lang)

    def number(self, x: Decimal, decimals: int) -> str:
        style = self.num.split("_")[0]
        return fm.fmt_number(x, decimals, style, group=False)


def with_currency(s: str, cur: str, display: str, lang: str) -> str:
    sym = CUR_SYMBOL[cur]
    if display == "none":
        return s
    if display == "sym_suffix":
        return f"{s} {sym}"
    if display == "sym_prefix":
        return f"{sym}{s}" if lang == "en" else f"{sym} {s}"
    if display == "code_prefix":
        return f"{cur} {s}"
    if display == "code_suffix":
        return f"{s} {cur}"
    raise ValueError(display)


@dataclass(frozen=True)
class Shop:
    id: str
    name: str             # trading name as printed (already in capitals when the layout prints so)
    kind: str
    country: str
    lang: str
    currency: str
    street: str           # street line as printed
    locality: str         # postcode-and-city line as printed
    phone: str
    legal: tuple          # footer lines (legal entity, SIRET/VAT ids...)
    tagline: str
    web: str
    layout: RLayout
    doc_types: tuple = ("receipt",)

    @property
    def address(self) -> str:
        return f"{self.street}, {self.locality}"


def _split(seq, fam: int):
    """The family's share of a word list: entries fam, fam+3, fam+6..."""
    return [w for i, w in enumerate(seq) if i % 3 == fam]


def _digits(r, n):
    return str(r.randint(1, 9)) + "".join(str(r.randint(0, 9)) for _ in range(n - 1))


def _phone(r, pattern):
    def rep(tok):
        kind, n = tok[0], int(tok[1])
        return "".join(str(r.randint(1, 9)) for _ in range(n)) if kind == "d" else \
            "".join(str(r.randint(0, 9)) for _ in range(n))
    out, i = "", 0
    while i < len(pattern):
        if pattern[i] == "{":
            j = pattern.index("}", i)
            out += rep(pattern[i + 1:j])
            i = j + 1
        else:
            out += pattern[i]
            i += 1
    return out


def _street_line(r, country, street, it_comma):
    if street.startswith("!"):
        return street[1:]
    n = r.choice([r.randint(1, 40), r.randint(1, 40), r.randint(41, 250)])
    if country in ("FR",):
        suffix = " bis" if r.random() < 0.08 else ""
        return f"{n}{suffix} {street}"
    if country in ("GB", "IE"):
        return f"{n} {street}"
    if country == "IT" and it_comma:
        return f"{street}, {n}"
    return f"{street} {n}"


def _locality(country, city, province_style):
    if country in ("GB", "IE"):
        return f"{city[1]} {city[0]}"
    if country == "IT" and province_style:
        return f"{city[0]} {city[1]} ({city[2]})"
    return f"{city[0]} {city[1]}"


def _legal(r, country, kind, fam):
    """Footer lines with the shop's registration and VAT ids (some shops print none)."""
    if country == "FR":
        siren8 = _digits(r, 8)
        vat = cast.vat_fr(siren8)
        siren = vat[4:]
        form = r.choice(["SARL", "SAS", "EURL", "SNC"])
        lines = [f"{form} {r.choice(WORDS['fr']['S'][fam::3])} {kind_word_fr(kind)}",
                 f"SIRET {siren[:3]} {siren[3:6]} {siren[6:]} {_digits(r, 5)}",
                 f"TVA intra. {vat}"]
    elif country == "GB":
        lines = [f"VAT No. {cast.vat_gb(_digits(r, 7))}", f"Company No. {_digits(r, 8)}"]
    elif country == "IE":
        lines = [f"VAT No. IE{_digits(r, 7)}{r.choice('ABCDEFGHWX')}"]
    elif country == "DE":
        lines = [f"USt-IdNr. {cast.vat_de(_digits(r, 8))}",
                 f"St.-Nr. {_digits(r, 3)}/{_digits(r, 3)}/{_digits(r, 5)}"]
    elif country == "AT":
        lines = [f"UID ATU{_digits(r, 8)}"]
    elif country == "IT":
        base = _digits(r, 10)
        lines = [f"P.IVA {cast.vat_it(base)[2:]}"]
    elif country == "NL":
        base = _digits(r, 8)
        while sum(int(c) * w for c, w in zip(base, range(9, 1, -1))) % 11 == 10:
            base = base[:-1] + str((int(base[-1]) + 1) % 10)  # no check digit 10
        vat = cast.vat_nl(base)
        lines = [f"BTW {vat}", f"KvK {_digits(r, 8)}"]
    else:  # BE
        base = "0" + _digits(r, 7)
        lines = [f"BTW {cast.vat_be(base)}"]
    k = r.random()
    return tuple(lines if k < 0.55 else lines[-1:] if k < 0.85 else [])


def kind_word_fr(kind):
    return {"bakery": "Boulangerie", "cafe": "Café", "fuel": "Distribution", "hardware": "Outillage",
            "pharmacy": "Pharmacie", "restaurant": "Restauration",
            "supermarket": "Alimentation"}[kind]


# Countries of each family, in shop order (interleaved so that consecutive
# shops differ in language), and the shop kinds taken in turn.
FAMILY_COUNTRIES = {
    "dev": ["FR", "GB", "DE", "IT", "NL", "FR", "IE", "DE", "IT", "BE", "FR", "GB", "AT", "IT",
            "NL", "FR", "GB", "DE", "IT", "NL", "FR", "IE", "DE", "FR", "BE", "FR", "GB", "AT",
            "IT", "NL", "FR", "BE", "FR", "FR", "DE", "FR"],
    "eval": ["FR", "GB", "DE", "IT", "NL", "FR", "IE", "AT", "IT", "FR", "BE", "DE", "FR",
             "GB", "IT", "NL", "FR", "FR"],
    "holdout": ["FR", "GB", "DE", "IT", "NL", "FR", "IE", "AT", "IT", "BE", "FR", "FR"],
}
# Per kind: weights of 58 / 80 mm rolls for till receipts, and of A5 / A4 for
# the page receipts (every sixth shop of a family, see _make_shop).
PAPER_WEIGHTS = {  # roll58, roll80, A5, A4
    "bakery": (35, 55, 7, 3), "cafe": (30, 55, 10, 5), "fuel": (35, 60, 3, 2),
    "hardware": (10, 45, 20, 25), "pharmacy": (20, 55, 15, 10), "restaurant": (15, 50, 20, 15),
    "supermarket": (20, 70, 5, 5),
}
ROLL_FONTS = ("dejavu_mono", "lib_mono", "dejavu_mono", "lib_mono", "dejavu_cond", "lib_sans")
PAGE_FONTS = ("dejavu_sans", "lib_sans", "dejavu_serif", "lib_serif", "dejavu_cond")
ACCENTS = ("#1f3b73", "#7a4b12", "#0b6e4f", "#8e1b3a", "#444444", "#5c2d91", "#00695c",
           "#b5651d")


def _draw_layout(r, lay_id, lang, kind, currency, page, turn, fam):
    """A shop's layout.  page: an A5/A4 receipt instead of a till roll.
    turn: rank of the shop among its family's shops of the same language;
    the wording and formats that matter most (date format, total label,
    label/value style, currency display) are taken in turn from their lists,
    offset per family, so that every option is used; None (a redraw) draws
    them at random."""
    def pick(key, options):
        if turn is None:
            return r.choice(options)
        return options[(turn + 3 * fam + zlib.crc32(key.encode("utf-8"))) % len(options)]
    w58, w80, wa5, wa4 = PAPER_WEIGHTS[kind]
    paper = r.choices(("A5", "A4"), (wa5, wa4))[0] if page else \
        r.choices(("roll58", "roll80"), (w58, w80))[0]
    roll = paper.startswith("roll")
    font = r.choice(ROLL_FONTS if roll else PAGE_FONTS)
    mono = font.endswith("mono")
    cols = (r.choice((32, 32, 30)) if paper == "roll58" else r.choice((42, 42, 44, 48, 40))) \
        if mono else 0
    size = (r.choice((7.0, 7.5)) if paper == "roll58" else r.choice((7.5, 8.0, 8.5))) if roll \
        else r.choice((8.5, 9.0, 9.5) if paper == "A4" else (8.0, 8.5, 9.0))
    w = WORDING[lang]
    labels = {k: r.choice(v) for k, v in w.items() if isinstance(v, list)}
    labels["total"] = pick("total", w["total"])
    labels["total"] = labels["total"].replace("EUR", currency).replace("GBP", currency)
    labels["title"] = r.choice(w["title_page"]) if not roll or r.random() < 0.25 else ""
    kv_opts = ("spaces", "leaders", "split", "colon", "tab") if mono else \
        ("split", "colon", "tab", "leaders")
    return RLayout(
        id=lay_id, lang=lang, paper=paper, font=font, size=size, cols=cols,
        align=r.choice(("center", "center", "center", "left")) if roll else r.choice(("left", "center")),
        kv=pick("kv/" + str(bool(cols)), kv_opts), item_style=r.choice(("A", "B", "C", "D") if roll else ("D",)),
        vat_style=r.choice(("table", "lines", "incl", "codes") if roll else ("table", "table", "lines")),
        date_fmt=pick("date", LANG_DATES[lang]),
        time_fmt=r.choice(LANG_TIMES[lang]) if r.random() < 0.85 else "",
        date_place=r.choice(("top_row", "top_line", "meta", "bottom")),
        joiner=labels["joiner"], num=r.choice(NUM_STYLES[lang]),
        cur_total=pick("cur", CUR_DISPLAY[lang]), cur_all=r.random() < 0.3,
        neg=r.choice(("minus", "minus", "trailing")) if lang == "de" else "minus",
        upper=roll and r.random() < 0.45, items_upper=roll and r.random() < 0.5,
        addr_lines=r.choice((1, 2, 2)), addr_sep=r.choice((", ", " - ", " – ", "  ")),
        total_emph=r.choice(("bold", "big", "rule", "box", "inverse") if roll else ("bold", "box")),
        rule=r.choice(("-", "=", "*", "line", "line", "")) if roll else "line",
        logo=r.choice(("", "", "circle", "square", "diamond", "bars")),
        barcode=r.choice(("", "", "code128", "qr")),
        card_slip=roll and r.random() < 0.5,
        vat_codes=r.random() < 0.4, legal_top=r.random() < 0.4,
        labels=labels, accent=r.choice(ACCENTS))


def _make_shop(fam_name, k, country, attempt=0):
    """Shop k of a family; attempt > 0 redraws everything from another fixed stream."""
    fam = FAMILY_INDEX[fam_name]
    sid = f"r{fam_name[0]}{k + 1:02d}"
    cinfo = COUNTRIES[country]
    lang = cinfo["lang"]
    r = random.Random(f"receipt-shop/{sid}" + (f"/{attempt}" if attempt else ""))
    kind = KINDS[(k * 3 + fam) % len(KINDS)]
    words = {key: _split(v, fam) for key, v in WORDS[lang].items()}
    brands = [b for i, b in enumerate(WORDS[lang]["B"]) if i in BRAND_RANGE.get(kind, range(6, 12))]
    s1 = r.choice(words["S"])
    fill = {"S": s1, "S2": r.choice([s for s in words["S"] if s != s1]),
            "F": r.choice(words["F"]), "P": r.choice(words["P"]), "A": r.choice(words["A"]),
            "B": r.choice(_split(brands, fam)), "N": r.choice(words.get("N", ["Anker"]))}
    name = r.choice(NAMES[lang][kind]).format(**fill)
    city = r.choice(_split(CITIES[country], fam))
    street = _street_line(r, country, r.choice(_split(STREETS[country], fam)), r.random() < 0.4)
    locality = _locality(country, city, r.random() < 0.5)
    phone = _phone(r, r.choice(cinfo["phone"]))
    legal = _legal(r, country, kind, fam)
    tagline = r.choice(TAGLINES[lang][kind]) if r.random() < 0.45 else ""
    ascii_name = unicodedata.normalize("NFKD", name.lower()).encode("ascii", "ignore").decode()
    slug = "".join(ch for ch in ascii_name if ch.isalnum())[:18]
    tld = {"FR": "fr", "GB": "co.uk", "IE": "ie", "DE": "de", "AT": "at", "IT": "it", "NL": "nl",
           "BE": "be"}[country]
    web = f"www.{slug}.{tld}" if r.random() < 0.35 else ""
    rank = sum(COUNTRIES[c]["lang"] == lang for c in FAMILY_COUNTRIES[fam_name][:k])
    lay = _draw_layout(r, "L-" + sid, lang, kind, cinfo["cur"], page=k % 6 == 4,
                       turn=None if attempt else rank, fam=fam)
    if lay.upper:
        name, street, locality = name.upper(), street.upper(), locality.upper()
    return Shop(id=sid, name=name, kind=kind, country=country, lang=lang, currency=cinfo["cur"],
                street=street, locality=locality, phone=phone, legal=legal, tagline=tagline,
                web=web, layout=lay)


def _family(fam_name, earlier):
    """The shops of a family.  A shop whose layout signature was used by an
    earlier family, or whose name, address or phone was used by any shop, is
    drawn again (from a stream fixed by its id and the attempt)."""
    taken_sigs = {s.layout.signature() for s in earlier}
    names = {s.name.lower() for s in earlier}
    addrs = {s.address.lower() for s in earlier}
    phones = {s.phone for s in earlier}
    shops = []
    for k, country in enumerate(FAMILY_COUNTRIES[fam_name]):
        for attempt in range(100):
            shop = _make_shop(fam_name, k, country, attempt)
            if shop.layout.signature() not in taken_sigs and shop.name.lower() not in names \
                    and shop.address.lower() not in addrs and shop.phone not in phones:
                break
        else:
            raise AssertionError(f"no free draw for receipt shop {fam_name}/{k}")
        shops.append(shop)
        names.add(shop.name.lower())
        addrs.add(shop.address.lower())
        phones.add(shop.phone)
    return tuple(shops)


SHOPS_DEV = _family("dev", ())
SHOPS_EVAL = _family("eval", SHOPS_DEV)
SHOPS_HOLDOUT = _family("holdout", SHOPS_DEV + SHOPS_EVAL)
SHOPS = {"dev": SHOPS_DEV, "eval": SHOPS_EVAL, "holdout": SHOPS_HOLDOUT}


def check_split():
    """Held-out receipt shops are really held out: no eval layout signature
    is a dev one, no holdout signature a dev or eval one; names, addresses,
    phones and ids unique over all families; every family has all kinds and
    every language."""
    seen = set()
    for fam in ("dev", "eval", "holdout"):
        sigs = {s.layout.signature() for s in SHOPS[fam]}
        assert not sigs & seen, f"a {fam} receipt layout repeats an earlier family's"
        seen |= sigs
        assert {s.kind for s in SHOPS[fam]} == set(KINDS), fam
        assert {s.lang for s in SHOPS[fam]} == set(WORDING), fam
    allshops = SHOPS_DEV + SHOPS_EVAL + SHOPS_HOLDOUT
    for attr in ("id", "name", "address", "phone"):
        vals = [getattr(s, attr).lower() for s in allshops]
        assert len(vals) == len(set(vals)), f"receipt shops share a {attr}"
    assert ", " not in {s.locality for s in allshops}
    assert all(", " not in s.locality for s in allshops)


check_split()


def pick_shop(family, i, types):
    """Shop of document index i (0-based), like docgen.pick_supplier: the
    shops in turn, so a short run covers every shop."""
    shops = SHOPS[family]
    r, ti = divmod(i, len(types))
    offset = -(-len(shops) // len(types))
    return shops[(r + ti * offset) % len(shops)]


# --------------------------------------------------------------------------
# One receipt

HOURS = {"bakery": (6.5, 19.5), "cafe": (7.0, 23.0), "fuel": (6.0, 22.0),
         "hardware": (8.0, 19.0), "pharmacy": (8.5, 19.5), "restaurant": (11.75, 23.0),
         "supermarket": (8.0, 21.0)}
LINES = {"bakery": (1, 5), "cafe": (1, 5), "fuel": (0, 2), "hardware": (1, 9),
         "pharmacy": (1, 5), "restaurant": (2, 9), "supermarket": (4, 26)}
MAX_LINES = {"roll58": 30, "roll80": 30, "A5": 11, "A4": 22}


def _shop_price(shop, j, lo, hi, decimals=2):
    """A shop's shelf price for article j (fixed per shop, like a price list)."""
    r = random.Random(f"receipt-price/{shop.id}/{j}")
    x = r.uniform(lo, hi)
    if decimals == 3:
        return Decimal(f"{x:.3f}")
    cents = int(round(x * 100))
    cents = cents - cents % 10 + r.choice((0, 0, 5, 9, 9))
    return Decimal(max(cents, 10)) / 100


def _vat_rates(shop):
    rates = sorted({Decimal(v) for v in COUNTRIES[shop.country]["vat"].values()})
    return {rate: "ABCD"[i] for i, rate in enumerate(rates)}


def _pct(lay, rate):
    d = fm.min_decimals(rate)
    s = lay.number(rate, d)
    return f"{s} %" if lay.lang in ("fr", "de") else f"{s}%"


def make_receipt(shop, rng) -> Content:
    lay, lang, kind = shop.layout, shop.lang, shop.kind
    L, W = lay.labels, WORDING[lang]
    cur = shop.currency
    col = LANG_COL[lang]
    # -- when
    d = date(2025, 1, 2) + timedelta(days=rng.randint(0, 690))
    if d.weekday() == 6 and kind in ("hardware", "pharmacy"):
        d += timedelta(days=1)
    lo, hi = HOURS[kind]
    if kind == "restaurant" and rng.random() < 0.5:
        lo, hi = 12.0, 14.5
    t = lo + (hi - lo) * rng.random()
    hh, mm, ss = int(t), int((t % 1) * 60), rng.randint(0, 59)
    date_s = fmt_date(d, lay.date_fmt, lang)
    time_s = fmt_time(hh, mm, ss, lay.time_fmt) if lay.time_fmt else ""
    # -- articles
    cat = ITEMS[kind]
    rates = COUNTRIES[shop.country]["vat"]
    codes = _vat_rates(shop)
    items = []

    covers = rng.choice((1, 2, 2, 2, 3, 4, 4, 5, 6)) if kind == "restaurant" else 0

    def add_item(j, qty=None):
        row = cat[j]
        vat_cat, unit = row[0], row[1]
        name = row[col].upper() if lay.items_upper else row[col]
        price = _shop_price(shop, j, row[2], row[3], 3 if unit == "l" else 2)
        if unit == "l":
            price = price + Decimal(rng.randint(-40, 40)) / 1000  # pump prices move daily
            qty = Decimal(rng.randint(900, 6500)) / 100
            qty_s = lay.number(qty, 2)
            price_s = lay.number(price, 3)
        elif unit == "kg":
            qty = Decimal(rng.randint(120, 2400)) / 1000
            qty_s = lay.number(qty, 3)
            price_s = lay.money(price, cur)
        elif unit == "m":
            qty = Decimal(rng.randint(2, 25))
            qty_s = str(qty)
            price_s = lay.money(price, cur)
        else:
            if qty is None and covers:  # a table orders at most one of a dish per guest
                qty = Decimal(rng.randint(1, covers))
            elif qty is None:
                qty = Decimal(rng.choice((1, 1, 1, 1, 2, 2, 3, 4) if kind != "bakery"
                                         else (1, 1, 2, 2, 3, 4, 6)))
            qty_s = str(qty)
            price_s = lay.money(price, cur)
        amount = q2(qty * price)
        rate = Decimal(rates[vat_cat])
        items.append({"name": name, "unit": unit, "qty": qty, "qty_s": qty_s, "price": price,
                      "price_s": price_s, "amount": amount, "amount_s": lay.money(amount, cur),
                      "rate": rate, "code": codes[rate], "one": unit == "" and qty == 1,
                      "pump": rng.randint(1, 12) if unit == "l" else None})

    n_lo, n_hi = LINES[kind]
    n = min(rng.randint(n_lo, n_hi), MAX_LINES[lay.paper])
    if covers:
        n = min(n, 2 + 2 * covers)
    if kind == "fuel":
        add_item(rng.randrange(3))
        n = n if rng.random() < 0.4 else 0
        pool = list(range(3, len(cat)))
    else:
        pool = list(range(len(cat)))
    rng.shuffle(pool)
    for k in range(n):
        add_item(pool[k % len(pool)])
    if kind == "restaurant" and lang == "it" and rng.random() < 0.7:
        items.insert(0, {"name": "COPERTO" if lay.items_upper else "Coperto", "unit": "",
                         "qty": Decimal(covers), "qty_s": str(covers), "price": Decimal("2.00"),
                         "price_s": lay.money(Decimal("2.00"), cur),
                         "amount": q2(covers * Decimal(2)),
                         "amount_s": lay.money(q2(covers * Decimal(2)), cur),
                         "rate": Decimal(rates["rest"]), "code": codes[Decimal(rates["rest"])],
                         "one": covers == 1, "pump": None})
    gross = {}
    for it in items:
        gross[it["rate"]] = gross.get(it["rate"], Decimal(0)) + it["amount"]
    subtotal = sum(it["amount"] for it in items)
    # -- discount, service
    discounts = []
    p_disc = {"supermarket": 0.35, "pharmacy": 0.2, "hardware": 0.2}.get(kind, 0.1)
    if rng.random() < p_disc:
        k = rng.randrange(len(items))
        it = items[k]
        cut = q2(it["amount"] * Decimal(rng.choice((10, 15, 20, 25, 30))) / 100) \
            if rng.random() < 0.6 else min(q2(it["amount"] / 2),
                                           Decimal(rng.choice((50, 100, 150, 200, 300))) / 100)
        if cut > 0:
            discounts.append({"label": L["discount"], "amount": -cut, "after": k,
                              "amount_s": lay.money(-cut, cur)})
            gross[it["rate"]] -= cut
    service = None
    if kind == "restaurant" and lang == "en" and rng.random() < 0.5:
        amt = q2((subtotal + sum(x["amount"] for x in discounts)) * Decimal("0.125"))
        service = {"label": f"{W['service']} 12.5%", "amount": amt,
                   "amount_s": lay.money(amt, cur)}
        top = max(gross, key=lambda r_: gross[r_])
        gross[top] += amt
    total = subtotal + sum(x["amount"] for x in discounts) + (service["amount"] if service else 0)
    total = q2(total)
    assert total == q2(sum(gross.values())) and total > 0
    total_s = lay.money(total, cur, lay.cur_total)
    show_sub = bool(discounts or service) or rng.random() < 0.35
    # -- VAT
    vat = []
    for rate in sorted(gross):
        g = gross[rate]
        net = q2(g / (1 + rate / 100))
        # VAT tables print bare numbers, whatever the layout does elsewhere
        vat.append({"code": codes[rate], "rate_s": _pct(lay, rate),
                    "net_s": lay.money(net, cur, "none"), "tax_s": lay.money(g - net, cur, "none"),
                    "gross_s": lay.money(g, cur, "none"),
                    "net": net, "tax": g - net})
    tax_total = sum(v["tax"] for v in vat)
    net_total = sum(v["net"] for v in vat)
    # -- payment
    payments, change = [], None
    roll = rng.random()
    voucher_ok = lang == "fr" and kind in ("bakery", "cafe", "restaurant", "supermarket")
    if voucher_ok and roll < 0.15 and total > 6:
        v = min(Decimal(rng.choice(("8.00", "9.00", "9.50", "10.00", "11.50", "12.00"))),
                total - 1)
        payments += [(L["voucher_pay"], lay.money(v, cur)), (L["card"], lay.money(total - v, cur))]
        method = "card"
    elif roll < 0.62:
        payments.append((L["card"], lay.money(total, cur)))
        method = "card"
    else:
        notes = [Decimal(x) for x in (5, 10, 20, 50, 100, 200)]
        given = next((x for x in notes if x >= total), total)
        if rng.random() < 0.3:
            given = Decimal(int(total) + 1)
        payments.append((L["cash"], lay.money(given, cur)))
        change = (L["change"], lay.money(given - total, cur))
        method = "cash"
    # -- meta
    first = rng.choice(_split(WORDS[lang]["F"], FAMILY_INDEX[_family_of(shop)]))
    ticket = str(rng.randint(1, 9999)).zfill(rng.choice((4, 5, 6)))
    till = str(rng.randint(1, 6))
    meta = [(L["ticket"], ticket)]
    if rng.random() < 0.7:
        meta.append((L["till"], till.zfill(2) if lay.cols else till))
    if rng.random() < 0.75:
        meta.append((L["cashier"], first))
    if kind == "restaurant":
        meta.append((W["table"], str(rng.randint(1, 40))))
        meta.append((W["covers"], str(covers)))
    # -- extra lines (distractors), card slip, footer
    extra_lines = []
    count = None
    if kind == "supermarket" and rng.random() < 0.6 or kind == "hardware" and rng.random() < 0.3:
        pieces = sum(int(it["qty"]) if it["unit"] == "" else 1 for it in items)
        count = (L["count"], str(pieces))
    if kind in ("supermarket", "pharmacy", "bakery") and rng.random() < 0.3:
        card = " ".join(str(rng.randint(1000, 9999)) for _ in range(3))
        extra_lines.append(W["loyalty"].format(card=card))
        if discounts:
            extra_lines.append(W["saved"].format(amount=lay.money(-discounts[0]["amount"], cur,
                                                                  lay.cur_total)))
        bal = Decimal(rng.randint(10, 2500)) / 100
        extra_lines.append(W["points"].format(date=fmt_date(d, lay.date_fmt, lang),
                                              amount=lay.money(bal, cur, lay.cur_total)))
    if kind in ("hardware", "supermarket", "pharmacy") and rng.random() < 0.45:
        back = d + timedelta(days=rng.choice((14, 30, 30, 60)))
        extra_lines.append(W["return"].format(date=fmt_date(back, lay.date_fmt, lang)))
    if kind in ("supermarket", "bakery", "cafe", "fuel", "restaurant") and rng.random() < 0.2:
        until = d + timedelta(days=rng.randint(10, 60))
        val = Decimal(rng.choice((200, 300, 500, 1000))) / 100
        style = lay.date_fmt if rng.random() < 0.6 else rng.choice(LANG_DATES[lang])
        extra_lines.append(W["voucher"].format(amount=lay.money(val, cur, lay.cur_total),
                                               date=fmt_date(until, style, lang)))
    if kind == "pharmacy" and rng.random() < 0.4:
        extra_lines.append(W["prescription"].format(
            date=fmt_date(d - timedelta(days=rng.randint(1, 25)), lay.date_fmt, lang)))
    tse = []
    if shop.country in ("DE", "AT") and rng.random() < 0.7:
        start = f"{d.isoformat()}T{hh:02d}:{max(mm - 1, 0):02d}:{rng.randint(0, 59):02d}"
        stop = f"{d.isoformat()}T{hh:02d}:{mm:02d}:{ss:02d}"
        tse = [f"TSE-Start: {start}", f"TSE-Stop: {stop}",
               f"TSE-Transaktion: {rng.randint(10000, 99999)}",
               f"TSE-Signaturzähler: {rng.randint(100000, 999999)}"]
    slip = None
    if lay.card_slip and method == "card":
        pan = "#### #### #### " + str(rng.randint(1000, 9999)) if rng.random() < 0.5 \
            else "************" + str(rng.randint(1000, 9999))
        card_amt = [a for lbl_, a in payments if lbl_ == L["card"]][0]
        slip_date = fmt_date(d, rng.choice(("dmy_slash2", "dmy_slash", lay.date_fmt)), lang)
        slip = [L["card"].upper(), f"A00000000{rng.choice(('42', '31', '04'))}10{rng.randint(10, 99)}",
                pan, f"{slip_date} {fmt_time(hh, mm, ss, 'hms')}",
                f"{W['card_sale']}", f"{W['card_amount']} {card_amt}" +
                ("" if "EUR" in card_amt or CUR_SYMBOL[cur] in card_amt or cur in card_amt
                 else f" {cur}"),
                W["card_keep"]]
    footer = [L["thanks"]]
    if rng.random() < 0.3:
        footer.append(W["hours"])
    if rng.random() < 0.3:
        footer.append(W["keep"])
    barcode = None
    if lay.barcode == "code128":
        barcode = ("code128", f"{shop.id[1:].upper()}{d.strftime('%y%m%d')}{ticket.zfill(6)}"
                   .replace("D", "1").replace("E", "2").replace("H", "3"))
    elif lay.barcode == "qr":
        barcode = ("qr", f"https://{shop.web or 'e-ticket.example'}/r/{d.strftime('%Y%m%d')}"
                         f"{ticket}{rng.randint(1000, 9999)}")
    # -- truth
    if lay.addr_lines == 2:
        addr_lines = [shop.street, shop.locality]
    else:
        addr_lines = [shop.street + lay.addr_sep + shop.locality]
    h = {"company": V(shop.name, shop.name),
         "date": V(date_s, d.isoformat()),
         "address": V("\n".join(addr_lines), shop.address),
         "total": V(total_s, fm.plain(total, 2))}
    extra = {
        "title": L["title"] or {"fr": "Ticket", "en": "Receipt", "de": "Kassenbon",
                                "it": "Scontrino", "nl": "Kassabon"}[lang],
        "print_title": L["title"], "kind": kind, "addr_lines": addr_lines,
        "date_s": date_s, "time_s": time_s, "meta": meta, "items": items,
        "discounts": discounts, "service": service,
        "subtotal_s": lay.money(subtotal, cur) if show_sub else None,
        "total_s": total_s, "count": count, "vat": vat,
        "tax_total_s": lay.money(tax_total, cur), "net_total_s": lay.money(net_total, cur),
        "payments": payments, "change": change, "slip": slip, "extra_lines": extra_lines,
        "tse": tse, "footer": footer, "barcode": barcode,
        "service_note": W["service"] if kind == "restaurant" and lang == "fr" else "",
        "it_header": (lang == "it" and lay.paper.startswith("roll") and rng.random() < 0.8),
        "rt": f"RT {rng.choice(('99MEX', '80IEB', '72MXA'))}{rng.randint(100000, 999999)}",
    }
    return Content("receipt", shop, None, h, [], extra)


def _family_of(shop):
    return {"d": "dev", "e": "eval", "h": "holdout"}[shop.id[1]]
