import type { LocalizedText, Playbook, StepCondition } from '../playbook.types.js';

/**
 * The "Stappenplan sexting" poster as data, version 1.
 * Titles and guidance (nl) are the poster's text word for word; posterOrder is the bullet's
 * position on the poster. Phases group the bullets by theme. A change of content needs a new version.
 */

function t(nl: string, en: string): LocalizedText {
  return { nl, en };
}

const ifApplicable = (): LocalizedText => t('Indien van toepassing', 'If applicable');

/** Fresh objects per step, so no two steps share a mutable condition. */
const perpetratorKnown = (): StepCondition => ({ fact: 'perpetratorKnown', in: ['yes', 'unknown'] });
const perpetratorAtOtherSchool = (): StepCondition => ({
  fact: 'perpetratorAtOtherSchool',
  in: ['yes', 'unknown'],
});

export const stappenplanSextingV1: Playbook = {
  key: 'stappenplan-sexting',
  version: 1,
  name: t('Stappenplan sexting', 'Sexting action plan'),
  goal: t(
    'Beperk emotionele schade voor betrokkene(n) en herstel de rust en sociale veiligheid op school zo snel mogelijk.',
    'Limit the emotional harm to those involved and restore calm and social safety at school as quickly as possible.',
  ),
  important: {
    title: t('BELANGRIJK!', 'IMPORTANT!'),
    intro: t(
      'Aanpak van de groep door krachtig signaal af te geven:',
      'Address the group by sending a strong signal:',
    ),
    slogan: t(
      'Zonder verspreiders geen shame sexting!',
      'Without people spreading it, there is no shame sexting!',
    ),
    closing: t(
      'Zet negatieve groepsdruk om in positieve groepsdynamiek',
      'Turn negative peer pressure into positive group dynamics',
    ),
  },
  tips: [
    t('Handel snel, maar wel doordacht', 'Act quickly, but think it through'),
    t(
      'Benader de betrokkenen cultuursensitief: wat ligt gevoelig?',
      'Approach those involved in a culturally sensitive way: what is a sensitive issue?',
    ),
    t(
      'Ook docenten kunnen een oordeel hebben: geef ruimte om erover te praten',
      'Teachers may have an opinion too: give them room to talk about it',
    ),
    t(
      'Denk na over een passende boodschap naar leerlingen: problematiseren of normaliseren?',
      'Think about a suitable message to pupils: treat it as a problem or as normal?',
    ),
    t(
      'Weet wat er speelt: monitor actief sociale media op berichten rondom school',
      'Know what is going on: actively monitor social media for posts about the school',
    ),
    t(
      'Verwijs bij onjuiste berichten op sociale media naar het online communicatiestatement',
      'When incorrect posts appear on social media, refer to the online communication statement',
    ),
    t(
      'Output is input voor het protocol en preventiemaatregelen!',
      'The outcome is input for the protocol and preventive measures!',
    ),
  ],
  contacts: [
    {
      key: 'bureau-jeugd-en-media',
      name: t('Bureau Jeugd & Media', 'Bureau Jeugd & Media'),
      description: t(
        'Hulp bij online incidenten en sociale veiligheid, kant-en-klare mentorlessen, ouderavonden en scholing voor professionals',
        'Help with online incidents and social safety, ready-made mentor lessons, parent evenings and training for professionals',
      ),
      phone: '020 - 6626559',
      url: 'https://www.bureaujeugdenmedia.nl',
    },
    {
      key: 'stappenplan-sexting',
      name: t('Stappenplan sexting', 'Sexting action plan'),
      description: t('Meer info', 'More information'),
      url: 'https://www.stappenplansexting.nl',
    },
    {
      key: 'meldknop',
      name: t('Meldknop', 'Meldknop'),
      description: t(
        'Hulp bij het offline halen van online beeldmateriaal',
        'Help with getting online images taken offline',
      ),
      url: 'https://www.meldknop.nl',
    },
  ],
  phases: [
    {
      key: 'direct',
      title: t('Direct', 'Immediately'),
      steps: [
        {
          key: 'attention-victim',
          posterOrder: 1,
          title: t('Aandacht voor het slachtoffer', 'Attention for the victim'),
          guidance: [
            t(
              'Veroordeel niet, maar steun en luister: wat heeft hij/zij nodig?',
              'Do not judge, but support and listen: what does he/she need?',
            ),
          ],
        },
        {
          key: 'scope-impact',
          posterOrder: 2,
          title: t('Bepaal omvang en impact', 'Determine the scope and impact'),
          guidance: [
            t(
              'Soms is een naaktfoto of seksfilmpje niet vrijwillig tot stand gekomen',
              'Sometimes a nude photo or sex video was not made voluntarily',
            ),
          ],
        },
        {
          key: 'check-protocols',
          posterOrder: 3,
          title: t('Check bestaande protocollen', 'Check existing protocols'),
          guidance: [],
        },
        {
          key: 'involve-care-coordinator',
          posterOrder: 4,
          title: t(
            'Betrek zorgcoördinator en/of vertrouwenspersoon',
            'Involve the care coordinator and/or the confidential counsellor',
          ),
          guidance: [],
        },
        {
          key: 'police-advice',
          posterOrder: 5,
          title: t('Betrek politie voor advies', 'Involve the police for advice'),
          guidance: [],
        },
        {
          key: 'action-list',
          posterOrder: 6,
          title: t('Zet acties op een rijtje', 'List the actions'),
          guidance: [
            t('Wie', 'Who'),
            t('Wat', 'What'),
            t('Wanneer', 'When'),
            t('Waar', 'Where'),
            t('Hoe', 'How'),
          ],
          form: 'action_list',
        },
      ],
    },
    {
      key: 'victim-and-parents',
      title: t('Slachtoffer en ouders', 'Victim and parents'),
      steps: [
        {
          key: 'talk-victim-parents',
          posterOrder: 7,
          title: t('Voer gesprek met ouders van slachtoffer', 'Talk with the parents of the victim'),
          guidance: [
            t(
              'Wees goed voorbereid op emoties van ouders (schaamte, boosheid, verdriet, onmacht)',
              "Be well prepared for the parents' emotions (shame, anger, sadness, helplessness)",
            ),
          ],
        },
        {
          key: 'help-victim-parents',
          posterOrder: 8,
          title: t(
            'Adviseer/organiseer hulp voor ouders slachtoffer',
            "Advise on/arrange support for the victim's parents",
          ),
          guidance: [
            t(
              'Inventariseer vooraf welke hulp voor ouders beschikbaar is',
              'Find out in advance what support is available for parents',
            ),
          ],
        },
        {
          key: 'rest-period',
          posterOrder: 15,
          title: t('Las een rustperiode in voor het slachtoffer', 'Schedule a rest period for the victim'),
          guidance: [],
          form: 'rest_period',
        },
      ],
    },
    {
      key: 'perpetrator',
      title: t('Dader', 'Perpetrator'),
      steps: [
        {
          key: 'attention-perpetrator',
          posterOrder: 9,
          title: t('Aandacht voor de dader', 'Attention for the perpetrator'),
          guidance: [],
          applicableWhen: [perpetratorKnown()],
        },
        {
          key: 'contact-perpetrator-school',
          posterOrder: 10,
          title: t('Contacteer school dader', "Contact the perpetrator's school"),
          guidance: [
            t('Informeer en nodig uit tot samenwerken.', 'Inform them and invite them to work together.'),
            ifApplicable(),
          ],
          applicableWhen: [perpetratorKnown(), perpetratorAtOtherSchool()],
        },
        {
          key: 'talk-perpetrator-parents',
          posterOrder: 11,
          title: t('Voer gesprek met ouders van dader', 'Talk with the parents of the perpetrator'),
          guidance: [],
          applicableWhen: [perpetratorKnown()],
        },
        {
          key: 'help-perpetrator-parents',
          posterOrder: 12,
          title: t(
            'Adviseer/organiseer hulp voor ouders van dader',
            "Advise on/arrange support for the perpetrator's parents",
          ),
          guidance: [],
          applicableWhen: [perpetratorKnown()],
        },
        {
          key: 'alternative-interventions',
          posterOrder: 16,
          title: t('Denk na over alternatieve interventies', 'Consider alternative interventions'),
          guidance: [],
        },
      ],
    },
    {
      key: 'police-and-images',
      title: t('Politie en beeldmateriaal', 'Police and images'),
      steps: [
        {
          key: 'report-decision',
          posterOrder: 13,
          title: t(
            'Besluit tot melding of aangifte',
            'Decide whether to make a report or file a criminal complaint',
          ),
          guidance: [t('In overleg met de politie', 'In consultation with the police')],
          form: 'report_decision',
        },
        {
          key: 'take-offline',
          posterOrder: 14,
          title: t(
            'Actie om online beeldmateriaal offline te halen',
            'Take action to get online images taken offline',
          ),
          guidance: [t('www.meldknop.nl', 'www.meldknop.nl')],
        },
        {
          key: 'request-removal',
          posterOrder: 19,
          title: t(
            'Verzoek dringend tot verwijderen foto/filmpje',
            'Urgently request removal of the photo/video',
          ),
          guidance: [],
        },
      ],
    },
    {
      key: 'communication',
      title: t('Communicatie', 'Communication'),
      steps: [
        {
          key: 'communication-statement',
          posterOrder: 17,
          title: t('Stel communicatiestatement op', 'Draw up a communication statement'),
          guidance: [
            t('Wat speelt er?', 'What is going on?'),
            t('Wat vindt u?', 'What is your view?'),
            t('Wat doet u?', 'What are you doing?'),
            t('Waarom?', 'Why?'),
            t('Contactpersoon?', 'Contact person?'),
          ],
          form: 'communication_statement',
        },
        {
          key: 'act-on-statement',
          posterOrder: 22,
          title: t(
            'Handel conform het communicatiestatement',
            'Act in line with the communication statement',
          ),
          guidance: [],
        },
        {
          key: 'media-attention',
          posterOrder: 25,
          title: t(
            'Wees voorbereid op media-aandacht (sociale media, kranten, radio, tv)',
            'Be prepared for media attention (social media, newspapers, radio, TV)',
          ),
          guidance: [
            t('Wie doet wat?', 'Who does what?'),
            t('Communicatiestatement online indien nodig', 'Communication statement online if needed'),
            t('Hoe om te gaan met journalisten?', 'How to deal with journalists?'),
          ],
        },
        {
          key: 'align-perpetrator-school',
          posterOrder: 26,
          title: t(
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
      title: t('Klas en school', 'Class and school'),
      steps: [
        {
          key: 'support-teachers',
          posterOrder: 18,
          title: t('Geef docenten handvatten', 'Give teachers practical tools'),
          guidance: [
            t(
              'Bijvoorbeeld: krachtige boodschap, gesprekstechnieken, gedragsinterventies, lesmateriaal',
              'For example: a strong message, conversation techniques, behavioural interventions, teaching materials',
            ),
          ],
        },
        {
          key: 'victim-class',
          posterOrder: 20,
          title: t('Aan de slag in de klas van het slachtoffer', "Work with the victim's class"),
          guidance: [
            t('Creëer inzicht en reflectie', 'Create insight and reflection'),
            t('Maak afspraken over hoe slachtoffer te steunen', 'Agree on how to support the victim'),
            t(
              'Benoem drie buddy’s: vraag slachtoffer wie hij/zij als hulpbron in de klas zou willen inschakelen',
              'Appoint three buddies: ask the victim whom he/she would like to call on for support in the class',
            ),
          ],
        },
        {
          key: 'inform-classmates-parents',
          posterOrder: 21,
          title: t(
            'Informeer ouders van klasgenoten van het slachtoffer',
            "Inform the parents of the victim's classmates",
          ),
          guidance: [
            t(
              'Vraag ouders thuis óók het gesprek te voeren en bied hen hiervoor handvatten',
              'Ask parents to have the conversation at home as well, and give them practical tools for it',
            ),
          ],
        },
        {
          key: 'other-classes',
          posterOrder: 23,
          title: t(
            'Overweeg interventies en gesprek in overige klassen',
            'Consider interventions and conversations in other classes',
          ),
          guidance: [
            t(
              'Aandacht in andere klassen is afhankelijk van de mate van verspreiding en onrust',
              'Attention in other classes depends on how far the material has spread and how much unrest there is',
            ),
          ],
        },
        {
          key: 'inform-other-parents',
          posterOrder: 24,
          title: t('Informeer ouders uit overige klassen', 'Inform parents of other classes'),
          guidance: [ifApplicable()],
          applicableWhen: [{ fact: 'spread', in: ['school', 'outside_school', 'public_online', 'unknown'] }],
        },
      ],
    },
    {
      key: 'evaluation-aftercare',
      title: t('Evaluatie en nazorg', 'Evaluation and aftercare'),
      steps: [
        {
          key: 'evaluate-with-victim',
          posterOrder: 27,
          title: t(
            'Evalueer met slachtoffer, ouders en docenten',
            'Evaluate with the victim, parents and teachers',
          ),
          guidance: [t('Denk ook na over preventiemaatregelen', 'Also think about preventive measures')],
          form: 'evaluation',
        },
        {
          key: 'feedback-perpetrator-school',
          posterOrder: 28,
          title: t(
            'Vraag terugkoppeling aan de school van dader',
            "Ask the perpetrator's school for feedback",
          ),
          guidance: [ifApplicable()],
          applicableWhen: [perpetratorKnown(), perpetratorAtOtherSchool()],
        },
        {
          key: 'evaluate-zat',
          posterOrder: 29,
          title: t(
            'Evalueer het proces in het ZAT-overleg met alle professionele betrokkenen',
            'Evaluate the process in the ZAT meeting (care advisory team) with all professionals involved',
          ),
          guidance: [
            t('Wat ging goed?', 'What went well?'),
            t('Wat kon beter?', 'What could have gone better?'),
          ],
          form: 'evaluation',
        },
        {
          key: 'plan-aftercare',
          posterOrder: 30,
          title: t(
            'Plan momenten in voor nazorg aan alle betrokkenen',
            'Schedule aftercare moments for everyone involved',
          ),
          guidance: [
            t('Hoe gaat het nu?', 'How are they doing now?'),
            t('Hebben ze nog wat nodig?', 'Do they need anything else?'),
          ],
          form: 'aftercare_moments',
        },
        {
          key: 'update-protocol',
          posterOrder: 31,
          title: t(
            'Verwerk evaluatie in protocol/handelingsplan',
            'Incorporate the evaluation into the protocol/action plan',
          ),
          guidance: [],
        },
      ],
    },
  ],
};
