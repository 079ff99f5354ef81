/**
 * Word lists for the pupil-name check, written for this project from general knowledge of names
 * given in the Netherlands to children born since about 2005, including names common in
 * families of Moroccan, Turkish, Surinamese (Creole and Hindustani), Antillean, Moluccan and
 * Cape Verdean origin. Lists are whitespace-separated; case and diacritics are folded when read,
 * so `Zoë` also matches `Zoe` and `Yiğit` also matches `Yigit`.
 */

/** First names of pupils. Names that are also everyday words are listed again in AMBIGUOUS_FIRST_NAMES. */
export const FIRST_NAMES = `
Emma Julia Sophie Tess Zoë Sara Sarah Anna Eva Lotte Evi Lisa Fenna Saar Noor Mila Nina Olivia Yara Lieke
Fleur Isa Sanne Femke Roos Iris Liv Nova Sofie Sofia Lynn Maud Jasmijn Esmee Romy Floor Elin Lina Amber
Milou Anouk Lara Luna Vera Hannah Elise Fay Indy Ilse Jade Kiki Lana Maria Merel Naomi Noa Nora Norah
Puck Quinty Rosalie Senna Sterre Suze Tamara Tara Mirthe Myrthe Demi Britt Bo Charlotte Chloë Daphne Dewi
Eline Elisa Ella Emily Evy Feline Fiene Floortje Hailey Isabella Isabel Ivy Jente Jill Jip Joy Julie Kim
Laura Lieve Linde Liz Loïs Lola Lotus Lucy Madelief Marit Marloes Maya Meike Mia Nikki Nienke Pien Pleun
Rosa Roza Silke Sophia Tessa Thirza Veerle Yfke Zara Zoey Anne Annabel Amy Amira Aya Ayla Hiba Ikram
Imane Inaya Jamila Hajar Hafsa Khadija Malak Maryam Meryem Nour Noura Rania Salma Sanae Soumaya Yasmina
Yasmine Zeynep Elif Esra Ecrin Ela Eylül Defne Azra Büşra Kübra Melisa Merve Beyza Asya Dilara Sude Zehra
Fatma Fatima Aisha Aïcha Layla Leyla Chaima Chaïma Naima Nadia Samira Shanice Chanel Kimberley Priscilla
Jaylinn Jaylin Kayleigh Destiny Latisha Shanaya Aaliyah Gianna Anaya Priya Anjali Shreya Reshma Ashana
Kiara Xiomara Yamila Jaël Kenza Lamyae Houda Hanna Ilham Loubna Manal Oumaima Siham Sabrina Nisrine Wissal
Selin Irem Gizem Şeyma Tuana Nehir Elanur Miray Yağmur Ceylin Hira Eslem Zümra Amina Aminata Fatoumata
Mariama Nadine Denise Shirley Rachelle Sharon Jamie Jessy Chelsea Tyra Ashley Britney Gabriëlla Marisol
Julieta Ines Inès Leonor Beatriz Carolina Zuzanna Lena Maja Oliwia Wiktoria Natalia Alicja Hanne Jet
Zahra Zainab Zaynab Ben Lot Marie Sam Robin Noah Sem Liam Lucas Daan Levi Finn Luuk Mees Milan Bram Jesse Thijs
Adam Thomas Max
Ruben Julian Lars Tim Stijn Tom Teun Jayden Gijs Siem Jens Niels Bas Mats Hugo Olivier Sven Boaz Dex
Floris Guus Hidde Jelle Joep Jort Kai Koen Lev Luca Mason Mick Morris Nick Owen Pim Quinten Rayan Rens
Rick Roan Ryan Sepp Siebe Stan Ties Tijn Vince Wessel Willem Wout Xavi Dylan Dani Daniël David Dean Fedde
Fabian Jan Joris Job Jonas Jurre Kees Kevin Lenn Lorenzo Luc Matthijs Melle Mohamed Mohammed Muhammed
Mehmet Mustafa Ahmed Ali Amir Ayoub Bilal Hamza Ibrahim Ilias Ilyas Imran Ismail Karim Khalid Mehdi Nassim
Othman Omar Rachid Said Samir Soufiane Sufyan Tarik Yassin Yassine Younes Youssef Zakaria Anas Adil
Anouar Ayman Badr Hicham Mounir Nabil Walid Emir Efe Eymen Kerem Arda Baran Burak Can Deniz Emre Enes
Eren Furkan Hakan Kaan Mert Murat Ömer Selim Serkan Yiğit Yusuf Alperen Berat Batuhan Ege Cem Oğuz Umut
Jaylen Jaydon Jeremiah Giovanni Ricardo Romano Rigino Quincy Jurgen Shemar Dwayne Kenneth Jermaine Gyrano
Rayvano Delano Ravi Rohan Vishal Sunil Arjun Rajesh Anish Krish Naresh Shiva Jairo Jurich Xander Dinho
Jeffrey Shaquille Kenzo Jamal Jamiro Justin Nathan Gino Milano Damian Damián Jamiel Rayen Redouan Mounir
Nordin Zakariya Ilay Aron Ezra Elias Mateo Matteo Leon Noël Noud Otis Pepijn Ravi Sil Sjoerd Storm Tygo
Valentijn Vigo Ward Ruud Jasper Bart Mart Wouter Timo Tobias Ivo Jop Olaf Sander Thom Tristan Yannick
`;

/**
 * First names that are also everyday Dutch or English words ("roos", "mees", "bas", "ben",
 * "can", "said"). They count only with stronger evidence: a listed surname, a tussenvoegsel
 * and surname, a class code or a word such as "leerling".
 */
export const AMBIGUOUS_FIRST_NAMES = `
Roos Mees Bas Ben Max Lieve Fleur Lot Storm Merel Linde Madelief Jasmijn Kim Amber Jade Iris Ivy Robin
Joy Destiny Lotus Milan Can Said Job Ties Floor Mats Nick Mason Dean Bo Noor Nova Luna Hugo Levi Kai
Deniz Ege Baran Jan Sterre Ward
`;

/** Surnames that stand alone (no tussenvoegsel needed). */
export const SURNAMES = `
Jansen Janssen Bakker Visser Smit Meijer Mulder Bos Vos Peters Hendriks Dekker Brouwer Dijkstra Smits
Jacobs Vermeulen Schouten Willems Hoekstra Maas Verhoeven Koster Prins Blom Huisman Peeters Kuipers Post
Kuiper Veenstra Kramer Scholten Postma Martens Vink Timmermans Groen Gerritsen Jonker Boer Willemsen
Smeets Bosch Schipper Koning Driessen Hermans Evers Hofman Bosman Wolters Sanders Mol Kuijpers Molenaar
Verbeek Hoogendoorn Wouters Claassen Mertens Vermeer Verschuren Pronk Sluiter Wijnands Bouwman Boersma
Mulders Hoekman Kok Bakkers Brinkman Mertens Nijhuis Kloosters Veldman Zwart Huizinga Westra Bijl Bruins
Lammers Vogel Meijers Kuiper Verhagen Geerts Arts Roelofs Dijkman Dijkhuis Haverkamp Hendriksen Janse
Amrani Idrissi Bouzid Benali Khatib Taleb Boukhari Ouali Zouhri Haddou Bakkali Ahmadi Azzouz Chaouch
Hamdaoui Mansouri Moussaoui Tahiri Yousfi Ziani Bouazzaoui Achahbar Aboutaleb Akrouh Belhaj Benhaddou
Boulahrouz Khalouta Mokhtari Ouazzani Saadi Tazi Bouchtaoui Azarkan Boussaid Chahid Elbaz Harchaoui
Kaddouri Lahlou Marzouki Mimouni Ouahabi Rahmouni Sabri Tamimount Zaari Bouali Bennani Alaoui Jebari
Yilmaz Yılmaz Kaya Demir Şahin Sahin Çelik Celik Yıldız Yildiz Yıldırım Yildirim Öztürk Ozturk Aydın Aydin
Özdemir Ozdemir Arslan Doğan Dogan Kılıç Kilic Aslan Çetin Cetin Kara Koç Koc Kurt Özkan Ozkan Şimşek
Simsek Polat Korkmaz Erdoğan Erdogan Güneş Gunes Akın Akin Aksoy Bulut Keskin Tekin Uçar Ucar Ünal Unal
Altun Yavuz Acar Toprak Güler Guler Karaca Özer Ozer Türk Aktaş Aktas Bozkurt Taş Tas
Pinas Kross Sedney Wijngaarde Vlijter Kromodimedjo Soekhoe Ramdin Ramsaran Jagroep Mahabier Ramautar
Sewnarain Bhagwandin Bisessar Kalpoe Doerga Ramlal Baldew Jagesar Ramkisoen Ramcharan Mohan Nanhoe
Sital Sardjoe Parbhoe Debipersad Kartosen Pawiroredjo Sontowirono Amatsaleh Jap Tjon Fung Linger
Martina Maduro Girigorie Rosalia Isenia Cijntje Felida Winklaar Sillé Francisca Mercera Leito Doran
Marchena Arrindell Josephia Silberie Raveneau Wijnaldum Seedorf Davids Kluivert Gullit Rijkaard
Dumfries Sambo Pattipeilohy Tuhumury Latuheru Sahetapy Tahapary Pattinama Manuhutu Wattimena Tuanakotta
Lopes Tavares Semedo Fernandes Gomes Monteiro Rodrigues Silva Santos Pereira Correia Kowalski Nowak
Wiśniewski Kowalczyk Lewandowski Nguyen Tran Chen Wang Li Zhang Ahmadzai Hosseini Mohammadi Yusuf Abdi
Osman Mahamed Warsame Tesfay Gebremedhin Haile Kidane
`;

/**
 * Surname parts that are ordinary words on their own ("groot", "jong", "berg") and are a
 * surname only after a tussenvoegsel: de Groot, de Jong, van den Berg.
 */
export const SURNAME_CORES = `
Jong Vries Berg Dijk Groot Wit Graaf Haan Lange Leeuw Bruijn Bruin Meer Linden Heuvel Veen Broek Heijden
Beek Vliet Ven Dam Wal Brink Wijk Loon Velde Velden Laan Doorn Horst Meulen Pol Es Rijn Steen Ruiter Jonge
Vos Bos Boer Koning Hoek Berge Kamp Plas Zanden Heide Pas Water Ham Hout Hof Akker Bergh Wetering Wiel
Schoot Vorst Kolk Klok Haar Sluis Veer Boom Noort Hulst Molen Poel Zand Weerd Burg Baan Hee Voort Amrani
Idrissi Khatib Taleb Ouali Hamdaoui Bouazzaoui Ouahabi Harchaoui Kaddouri Ali Hassan Mansouri Moussaoui
`;

/**
 * Tussenvoegsels and name particles, one sequence per line; a space separates the words of one
 * sequence. Arabic and Berber particles (el, al, ben, ait, ou) are included.
 */
export const TUSSENVOEGSELS = `
van|de|der|den|van de|van der|van den|van het|van 't|ter|ten|te|'t|het|in 't|in de|in den|in het|op de
op den|op het|op 't|op ten|uit de|uit den|uit het|la|le|du|da|di|del|della|dos|das|von|von der|de la
el|al|ben|bin|ibn|abu|abou|ait|aït|ou
`;

/** Capitalised words that follow a name-like word but are not a surname. */
export const NOT_NAME_WORDS = `
Maandag Dinsdag Woensdag Donderdag Vrijdag Zaterdag Zondag Monday Tuesday Wednesday Thursday Friday
Saturday Sunday Januari Februari Maart April Mei Juni Juli Augustus September Oktober November December
January February March May June July August October Bureau Jeugd Media Meldknop Helpwanted Politie
Police Zorg Care Veilig Thuis Jeugdzorg Gemeente School College Lyceum Gymnasium Mentor Docent Teamleider
Directeur Directie Rector Conrector Zorgcoördinator Vertrouwenspersoon Ouders Ouder Parents Leerling
Leerlingen Klas Groep Havo Vwo Vmbo Mavo Atheneum Onbekend Unknown Nederlands Engels Duits Frans Wiskunde
Geschiedenis Biologie Teams Slack WhatsApp Instagram Snapchat TikTok Facebook YouTube Telegram Discord
Google Microsoft Apple Android Samsung Outlook Gmail Naaktfoto Seksfilmpje Deepfake Sextortion Foto
Filmpje Video Incident Gesprek Melding Aangifte Notitie De Het Een Ik Jij Je Hij Zij Wij We Ze Hun Haar
Zijn Mijn Ons Onze En Of Met Van Voor Na Bij Naar Over Om Op Uit In Aan Door Tot Dan Dus Maar Wie Wat
Waar Wanneer Hoe Waarom Ja Nee Niet Geen Al Ook Nog Nu Vandaag Morgen Gisteren The And For With From To
Who What When Where How Why Yes No Not Today Tomorrow Stappenplan Sexting ZAT Nazorg Evaluatie
`;

/** Words after which a name is a staff member's (meneer de Vries, juf Sanne), not a pupil's. */
export const STAFF_TITLES = `
meneer mevrouw mevr mw mr dhr heer juf juffrouw meester docent docente mentor collega teamleider directeur
rector conrector coördinator zorgcoördinator vertrouwenspersoon conciërge agent wijkagent jeugdagent
dokter dr ms mrs miss sir teacher counsellor principal officer
`;

/** Words right before a name that make it a pupil's: "leerling Sanne", "slachtoffer Jayden". */
export const PUPIL_WORDS = `
leerling leerlinge leerlingen scholier scholieren slachtoffer dader klasgenoot klasgenote pupil pupils
student studente victim perpetrator classmate
`;

/** A following word that makes the name part of a school's or a street's name. */
export const INSTITUTION_WORDS = `
College Lyceum Gymnasium School Scholengemeenschap Campus Instituut Academie Stichting Centrum Mavo Havo
Vwo Vmbo Atheneum Praktijkschool Basisschool Straat Laan Weg Plein
`;
