import type { LocalizedText, Playbook, StepCondition } from '../playbook.types.js';

/**
 * The "Stappenplan sexting" poster as data, version 1.
 * Titles and guidance (nl) are the poster's text word for word; posterOrder is the bullet's
 * position on the poster. Phases group the bullets by theme. A change of content needs a new version.
 */

/** Dutch and English side by side (named apart from the i18n catalogue's `t`). */
function text(nl: string, en: string): LocalizedText {
  return { nl, en };
}

const ifApplicable = (): LocalizedText => text('Indien van toepassing', 'If applicable');

/** Fresh objects per step, so no two steps share a mutable condition. */
const perpetratorKnown = (): StepCondition => ({ fact: 'perpetratorKnown', in: ['yes', 'unknown'] });
const perpetratorAtOtherSchool = (): StepCondition => ({
  fact: 'perpetratorAtOtherSchool',
  in: ['yes', 'unknown'],
});

export const stappenplanSextingV1: Playbook = {
  key: 'stappenplan-sexting',
  version: 1,
  name: text('Stappenplan sexting', 'Sexting action plan'),
  goal: text(
    'Beperk emotionele schade voor betrokkene(n) en herstel de rust en sociale veiligheid op school zo snel mogelijk.',
    'Limit the emotional harm to those involved and restore calm and social safety at school as quickly as possible.',
  ),
  important: {
    title: text('BELANGRIJK!', 'IMPORTANT!'),
    intro: text(
      'Aanpak van de groep door krachtig signaal af te geven:',
      'Address the group by sending a strong signal:',
    ),
    slogan: text(
      'Zonder verspreiders geen shame sexting!',
      'Without people spreading it, there is no shame sexting!',
    ),
    closing: text(
      'Zet negatieve groepsdruk om in positieve groepsdynamiek',
      'Turn negative peer pressure into positive group dynamics',
    ),
  },
  tips: [
    text('Handel snel, maar wel doordacht', 'Act quickly, but think it through'),
    text(
      'Benader de betrokkenen cultuursensitief: wat ligt gevoelig?',
      'Approach those involved in a culturally sensitive way: what is a sensitive issue?',
    ),
    text(
      'Ook docenten kunnen een oordeel hebben: geef ruimte om erover te praten',
      'Teachers may have an opinion too: give them room to talk about it',
    ),
    text(
      'Denk na over een passende boodschap naar leerlingen: problematiseren of normaliseren?',
      'Think about a suitable message to pupils: treat it as a problem or as normal?',
    ),
    text(
      'Weet wat er speelt: monitor actief sociale media op berichten rondom school',
      'Know what is going on: actively monitor social media for posts about the school',
    ),
    text(
      'Verwijs bij onjuiste berichten op sociale media naar het online communicatiestatement',
      'When incorrect posts appear on social media, refer to the online communication statement',
    ),
    text(
      'Output is input voor het protocol en preventiemaatregelen!',
      'The outcome is input for the protocol and preventive measures!',
    ),
  ],
  contacts: [
    {
      key: 'bureau-jeugd-en-media',
      name: text('Bureau Jeugd & Media', 'Bureau Jeugd & Media'),
      description: text(
        'Hulp bij online incidenten en sociale veiligheid, kant-en-klare mentorlessen, ouderavonden en scholing voor professionals',
        'Help with online incidents and social safety, ready-made mentor lessons, parent evenings and training for professionals',
      ),
      phone: '020 - 6626559',
      url: 'https://www.bureaujeugdenmedia.nl',
    },
    {
      key: 'stappenplan-sexting',
      name: text('Stappenplan sexting', 'Sexting action plan'),
      description: text('Meer info', 'More information'),
      url: 'https://www.stappenplansexting.nl',
    },
    {
      key: 'meldknop',
      name: text('Meldknop', 'Meldknop'),
      description: text(
        'Hulp bij het offline halen van online beeldmateriaal',
        'Help with getting online images taken offline',
      ),
      url: 'https://www.meldknop.nl',
    },
  ],
  phases: [
    {
      key: 'direct',
      title: text('Direct', 'Immediately'),
      steps: [
        {
          key: 'attention-victim',
          posterOrder: 1,
          title: text('Aandacht voor het slachtoffer', 'Attention for the victim'),
          guidance: [
            text(
              'Veroordeel niet, maar steun en luister: wat heeft hij/zij nodig?',
              'Do not judge, but support and listen: what does he/she need?',
            ),
          ],
        },
        {
          key: 'scope-impact',
          posterOrder: 2,
          title: text('Bepaal omvang en impact', 'Determine the scope and impact'),
          guidance: [
            text(
              'Soms is een naaktfoto of seksfilmpje niet vrijwillig tot stand gekomen',
              'Sometimes a nude photo or sex video was not made voluntarily',
            ),
          ],
        },
        {
          key: 'check-protocols',
          posterOrder: 3,
          title: text('Check bestaande protocollen', 'Check existing protocols'),
          guidance: [],
        },
        {
          key: 'involve-care-coordinator',
          posterOrder: 4,
          title: text(
            'Betrek zorgcoördinator en/of vertrouwenspersoon',
            'Involve the care coordinator and/or the confidential counsellor',
          ),
          guidance: [],
        },
        {
          key: 'police-advice',
          posterOrder: 5,
          title: text('Betrek politie voor advies', 'Involve the police for advice'),
          guidance: [],
        },
        {
          key: 'action-list',
          posterOrder: 6,
          title: text('Zet acties op een rijtje', 'List the actions'),
          guidance: [
            text('Wie', 'Who'),
            text('Wat', 'What'),
            text('Wanneer', 'When'),
            text('Waar', 'Where'),
            text('Hoe', 'How'),
          ],
          form: 'action_list',
        },
      ],
    },
    {
      key: 'victim-and-parents',
      title: text('Slachtoffer en ouders', 'Victim and parents'),
      steps: [
        {
          key: 'talk-victim-parents',
          posterOrder: 7,
          title: text('Voer gesprek met ouders van slachtoffer', 'Talk with the parents of the victim'),
          guidance: [
            text(
              'Wees goed voorbereid op emoties van ouders (schaamte, boosheid, verdriet, onmacht)',
              "Be well prepared for the parents' emotions (shame, anger, sadness, helplessness)",
            ),
          ],
        },
        {
          key: 'help-victim-parents',
          posterOrder: 8,
          title: text(
            'Adviseer/organiseer hulp voor ouders slachtoffer',
            "Advise on/arrange support for the victim's parents",
          ),
          guidance: [
            text(
              'Inventariseer vooraf welke hulp voor ouders beschikbaar is',
              'Find out in advance what support is available for parents',
            ),
          ],
        },
        {
          key: 'rest-period',
          posterOrder: 15,
          title: text('Las een rustperiode in voor het slachtoffer', 'Schedule a rest period for the victim'),
          guidance: [],
          form: 'rest_period',
        },
      ],
    },
    {
      key: 'perpetrator',
      title: text('Dader', 'Perpetrator'),
      steps: [
        {
          key: 'attention-perpetrator',
          posterOrder: 9,
          title: text('Aandacht voor de dader', 'Attention for the perpetrator'),
          guidance: [],
          applicableWhen: [perpetratorKnown()],
        },
        {
          key: 'contact-perpetrator-school',
          posterOrder: 10,
          title: text('Contacteer school dader', "Contact the perpetrator's school"),
          guidance: [
            text('Informeer en nodig uit tot samenwerken.', 'Inform them and invite them to work together.'),
            ifApplicable(),
          ],
          applicableWhen: [perpetratorKnown(), perpetratorAtOtherSchool()],
        },
        {
          key: 'talk-perpetrator-parents',
          posterOrder: 11,
          title: text('Voer gesprek met ouders van dader', 'Talk with the parents of the perpetrator'),
          guidance: [],
          applicableWhen: [perpetratorKnown()],
        },
        {
          key: 'help-perpetrator-parents',
          posterOrder: 12,
          title: text(
            'Adviseer/organiseer hulp voor ouders van dader',
            "Advise on/arrange support for the perpetrator's parents",
          ),
          guidance: [],
          applicableWhen: [perpetratorKnown()],
        },
        {
          key: 'alternative-interventions',
          posterOrder: 16,
          title: text('Denk na over alternatieve interventies', 'Consider alternative interventions'),
          guidance: [],
        },
      ],
    },
    {
      key: 'police-and-images',
      title: text('Politie en beeldmateriaal', 'Police and images'),
      steps: [
        {
          key: 'report-decision',
          posterOrder: 13,
          title: text(
            'Besluit tot melding of aangifte',
            'Decide whether to make a report or file a criminal complaint',
          ),
          guidance: [text('In overleg met de politie', 'In consultation with the police')],
          form: 'report_decision',
        },
        {
          key: 'take-offline',
          posterOrder: 14,
          title: text(
            'Actie om online beeldmateriaal offline te halen',
            'Take action to get online images taken offline',
          ),
          guidance: [text('www.meldknop.nl', 'www.meldknop.nl')],
        },
        {
          key: 'request-removal',
          posterOrder: 19,
          title: text(
            'Verzoek dringend tot verwijderen foto/filmpje',
            'Urgently request removal of the photo/video',
          ),
          guidance: [],
        },
      ],
    },
    {
      key: 'communication',
      title: text('Communicatie', 'Communication'),
      steps: [
        {
          key: 'communication-statement',
          posterOrder: 17,
          title: text('Stel communicatiestatement op', 'Draw up a communication statement'),
          guidance: [
            text('Wat speelt er?', 'What is going on?'),
            text('Wat vindt u?', 'What is your view?'),
            text('Wat doet u?', 'What are you doing?'),
            text('Waarom?', 'Why?'),
            text('Contactpersoon?', 'Contact person?'),
          ],
          form: 'communication_statement',
        },
        {
          key: 'act-on-statement',
          posterOrder: 22,
          title: text(
            'Handel conform het communicatiestatement',
            'Act in line with the communication statement',
          ),
          guidance: [],
        },
        {
          key: 'media-attention',
          posterOrder: 25,
          title: text(
            'Wees voorbereid op media-aandacht (sociale media, kranten, radio, tv)',
            'Be prepared for media attention (social media, newspapers, radio, TV)',
          ),
          guidance: [
            text('Wie doet wat?', 'Who does what?'),
            text('Communicatiestatement online indien nodig', 'Communication statement online if needed'),
            text('Hoe om te gaan met journalisten?', 'How to deal with journalists?'),
          ],
        },
        {
          key: 'align-perpetrator-school',
          posterOrder: 26,
          title: text(
            'Stem communicatie af met school van de dader',
            "Coordinate communication with the perpetrator's school",
          ),
          guidance: [ifApplicable()],
          applicableWhen: [perpetratorKnown(), perpetratorAtOtherSchool()],
        },
      ],
    },
    {
      key: 'class-and-school',
      title: text('Klas en school', 'Class and school'),
      steps: [
        {
          key: 'support-teachers',
          posterOrder: 18,
          title: text('Geef docenten handvatten', 'Give teachers practical tools'),
          guidance: [
            text(
              'Bijvoorbeeld: krachtige boodschap, gesprekstechnieken, gedragsinterventies, lesmateriaal',
              'For example: a strong message, conversation techniques, behavioural interventions, teaching materials',
            ),
          ],
        },
        {
          key: 'victim-class',
          posterOrder: 20,
          title: text('Aan de slag in de klas van het slachtoffer', "Work with the victim's class"),
          guidance: [
            text('Creëer inzicht en reflectie', 'Create insight and reflection'),
            text('Maak afspraken over hoe slachtoffer te steunen', 'Agree on how to support the victim'),
            text(
              'Benoem drie buddy’s: vraag slachtoffer wie hij/zij als hulpbron in de klas zou willen inschakelen',
              'Appoint three buddies: ask the victim whom he/she would like to call on for support in the class',
            ),
          ],
        },
        {
          key: 'inform-classmates-parents',
          posterOrder: 21,
          title: text(
            'Informeer ouders van klasgenoten van het slachtoffer',
            "Inform the parents of the victim's classmates",
          ),
          guidance: [
            text(
              'Vraag ouders thuis óók het gesprek te voeren en bied hen hiervoor handvatten',
              'Ask parents to have the conversation at home as well, and give them practical tools for it',
            ),
          ],
        },
        {
          key: 'other-classes',
          posterOrder: 23,
          title: text(
            'Overweeg interventies en gesprek in overige klassen',
            'Consider interventions and conversations in other classes',
          ),
          guidance: [
            text(
              'Aandacht in andere klassen is afhankelijk van de mate van verspreiding en onrust',
              'Attention in other classes depends on how far the material has spread and how much unrest there is',
            ),
          ],
        },
        {
          key: 'inform-other-parents',
          posterOrder: 24,
          title: text('Informeer ouders uit overige klassen', 'Inform parents of other classes'),
          guidance: [ifApplicable()],
          applicableWhen: [{ fact: 'spread', in: ['school', 'outside_school', 'public_online', 'unknown'] }],
        },
      ],
    },
    {
      key: 'evaluation-aftercare',
      title: text('Evaluatie en nazorg', 'Evaluation and aftercare'),
      steps: [
        {
          key: 'evaluate-with-victim',
          posterOrder: 27,
          title: text(
            'Evalueer met slachtoffer, ouders en docenten',
            'Evaluate with the victim, parents and teachers',
          ),
          guidance: [text('Denk ook na over preventiemaatregelen', 'Also think about preventive measures')],
          form: 'evaluation',
        },
        {
          key: 'feedback-perpetrator-school',
          posterOrder: 28,
          title: text(
            'Vraag terugkoppeling aan de school van dader',
            "Ask the perpetrator's school for feedback",
          ),
          guidance: [ifApplicable()],
          applicableWhen: [perpetratorKnown(), perpetratorAtOtherSchool()],
        },
        {
          key: 'evaluate-zat',
          posterOrder: 29,
          title: text(
            'Evalueer het proces in het ZAT-overleg met alle professionele betrokkenen',
            'Evaluate the process in the ZAT meeting (care advisory team) with all professionals involved',
          ),
          guidance: [
            text('Wat ging goed?', 'What went well?'),
            text('Wat kon beter?', 'What could have gone better?'),
          ],
          form: 'evaluation',
        },
        {
          key: 'plan-aftercare',
          posterOrder: 30,
          title: text(
            'Plan momenten in voor nazorg aan alle betrokkenen',
            'Schedule aftercare moments for everyone involved',
          ),
          guidance: [
            text('Hoe gaat het nu?', 'How are they doing now?'),
            text('Hebben ze nog wat nodig?', 'Do they need anything else?'),
          ],
          form: 'aftercare_moments',
        },
        {
          key: 'update-protocol',
          posterOrder: 31,
          title: text(
            'Verwerk evaluatie in protocol/handelingsplan',
            'Incorporate the evaluation into the protocol/action plan',
          ),
          guidance: [],
        },
      ],
    },
  ],
};
