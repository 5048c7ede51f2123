"""The event coder on sentences written the way wire services and regional papers write."""

from __future__ import annotations

import pytest


def find(events, root=None, source=None, target=None):
    out = []
    for e in events:
        if root and e.root != root:
            continue
        if source and not e.source.code.startswith(source):
            continue
        if target == "-" and e.target is not None:
            continue
        if target and target != "-" and (e.target is None or not e.target.code.startswith(target)):
            continue
        out.append(e)
    return out


def test_visit_meeting_and_evidence(code_text):
    text = (
        "ISLAMABAD: Pakistan's interior minister met the Afghan charge d'affaires in Islamabad on Thursday "
        "to discuss border management, officials said."
    )
    evs = code_text(text, "2023-09-15")
    meet = find(evs, "04", "PAKGOV", "AFGGOV")
    assert meet, [e.as_dict() for e in evs]
    e = meet[0]
    assert str(e.date) == "2023-09-14"  # "on Thursday" before a Friday article
    assert text[e.span[0] : e.span[1]].startswith("Pakistan's interior minister")
    assert e.trigger == "met"
    assert e.sentence_index == 0 and e.coder.startswith("khyber/")
    assert e.location is not None and e.location.name == "Islamabad"
    assert "diplomacy" in e.sectors


def test_passive_voice_swaps_roles(code_text):
    evs = code_text(
        "A senior Taliban commander was assassinated by gunmen in Peshawar on Monday, police said.", "2023-05-02"
    )
    hits = [e for e in evs if e.root == "18"]
    assert hits and hits[0].target is not None and hits[0].target.code.startswith("AFG")


def test_nominal_event_at_the_hands_of(code_text):
    evs = code_text(
        "The assassination of Khalilur Rehman Haqqani at the hands of Islamic State-Khorasan (IS-K) shocked Kabul.",
        "2024-12-16",
    )
    hits = find(evs, "18", "IMG", "AFG")
    assert hits and hits[0].source.actor_id == "islamic_state_khorasan"
    assert hits[0].target is not None and hits[0].target.actor_id == "khalilur_rehman_haqqani"


def test_talks_between_give_both_directions(code_text):
    evs = code_text("Talks between Pakistan and Afghanistan resumed in Doha on Saturday.", "2025-10-19")
    pairs = {(e.source.country, e.target.country) for e in evs if e.root == "04" and e.target}
    assert {("PAK", "AFG"), ("AFG", "PAK")} <= pairs


@pytest.mark.parametrize(
    ("text", "negated", "hypothetical"),
    [
        ("Pakistan did not meet the Taliban delegation in Kabul.", True, False),
        ("Pakistan should urge the Taliban to take decisive action against the TTP.", False, True),
        ("If the Taliban attack Pakistani border posts, Pakistan will respond, officials said.", False, True),
        ("Pakistan urged the Taliban on Monday to hand over TTP leaders.", False, False),
    ],
)
def test_negation_and_modality_are_flagged_not_dropped(code_text, text, negated, hypothetical):
    evs = [e for e in code_text(text, "2024-01-10") if e.root in ("04", "10", "19", "18")]
    assert evs, text
    first = evs[0]
    assert first.negated is negated
    assert first.hypothetical is hypothetical


def test_taliban_role_follows_the_date(code_text):
    before = code_text("The Taliban attacked an Afghan army checkpoint in Helmand.", "2019-06-01")
    after = code_text("The Taliban met a Pakistani delegation in Kabul.", "2023-06-01")
    assert any(e.source.code == "AFGINS" for e in before)
    assert any(e.source.code == "AFGGOV" for e in after)


def test_background_sentence_codes_no_factual_event(code_text):
    evs = code_text(
        "The IS-K, which is believed to have links to the TTP, has emerged as a significant threat, "
        "not only to Pakistan but also to the Taliban.",
        "2024-12-16",
    )
    assert not [e for e in evs if not (e.negated or e.hypothetical)]


def test_event_ids_are_stable(code_text):
    text = "Pakistani security forces killed six militants in North Waziristan on Tuesday, the military said."
    a = [e.event_id for e in code_text(text, "2023-05-02")]
    b = [e.event_id for e in code_text(text, "2023-05-02")]
    assert a == b and a


@pytest.mark.parametrize(
    ("text", "date", "code", "source", "target", "hypothetical"),
    [
        # a command to one's own forces is the act itself, with the command's (factual) flags
        (
            "MOSCOW: The defence minister ordered troops to pull back from the river crossing, the ministry said.",
            "2022-11-09",
            None,
            "RUS",
            None,
            False,
        ),
        # a mediation by participle goes to the parties of the talks
        (
            "ANKARA: Pakistan and Afghanistan agreed on a truce after talks in Istanbul mediated by Turkey.",
            "2025-10-30",
            "045",
            "TUR",
            "PAK",
            None,
        ),
        # armed men taking a town occupy it; the town's country is the target
        (
            "Taliban fighters captured the town of Spin Boldak after days of fighting, officials said.",
            "2021-07-14",
            "192",
            "AFGINS",
            "AFG",
            False,
        ),
        # killing a named person is an assassination
        (
            "Gunmen shot dead Khalilur Rehman Haqqani outside a mosque in Kabul on Wednesday.",
            "2024-12-11",
            "186",
            None,
            "AFGGOV",
            False,
        ),
    ],
)
def test_rules_for_commands_mediation_occupation_assassination(
    code_text, text, date, code, source, target, hypothetical
):
    evs = code_text(text, date)
    hits = [
        e
        for e in evs
        if (code is None or e.cameo == code)
        and (source is None or e.source.code.startswith(source))
        and (target is None or (e.target is not None and e.target.code.startswith(target)))
    ]
    assert hits, [e.as_dict() for e in evs]
    if code is None:  # the command case: the ordered act is coded, the order itself is not a demand
        assert not [e for e in evs if e.cameo == "100"], [e.as_dict() for e in evs]
        assert any(e.root == "08" for e in hits), [e.as_dict() for e in evs]
    if hypothetical is not None:
        assert hits[0].hypothetical is hypothetical


def test_a_warning_without_a_threat_is_no_event(code_text):
    concern = code_text("ISLAMABAD: The central bank warned that inflation would stay high this year.", "2024-01-10")
    assert not [e for e in concern if e.root == "13"], [e.as_dict() for e in concern]
    threat = code_text(
        "ISLAMABAD: The army chief warned the Taliban that Pakistan would respond with full force to any attack.",
        "2024-01-10",
    )
    assert [e for e in threat if e.root == "13"], [e.as_dict() for e in threat]


@pytest.mark.parametrize(
    "text, date, root, source, target, absent",
    [
        # a possessive on a patient noun is the one acted on
        ("The Supreme Court ordered Imran Khan's release on Thursday.", "2023-05-11", "08", "PAKJUD", "PAKOPP", None),
        # a curfew falls on the imposing state's own people
        (
            "The provincial government imposed a curfew in the Kurram district on Sunday.",
            "2024-11-24",
            "17",
            "PAKGOV",
            "PAK",
            None,
        ),
        # a venue is not a party: the signatories act towards each other
        (
            "WASHINGTON: Israel, the United Arab Emirates and Bahrain signed agreements at the White House.",
            "2020-09-15",
            "05",
            "ISR",
            "ARE",
            "USA",
        ),
        # a between-phrase on 'erupted' names the fighting's parties
        (
            "Heavy fighting erupted on Saturday between Sudan's army and the Rapid Support Forces.",
            "2023-04-15",
            "19",
            "SDNMIL",
            "SDNREB",
            None,
        ),
        # the place of the act is in its own clause, and 'the X area of Y' is in Y
        (
            "Armed men abducted eight Pakistani customs officials from the Gomal area of South Waziristan "
            "and took them "
            "across the border into Afghanistan.",
            "2023-07-03",
            "18",
            "PAKUAF",
            "PAKGOV",
            None,
        ),
        # an investigation targets whoever did the act its object names
        (
            "The Afghan government formed a commission to probe the deaths of two Afghan detainees who were "
            "beaten in Pakistani custody.",
            "2023-03-02",
            "09",
            "AFGGOV",
            "PAK",
            None,
        ),
        # an attacked post with no owner named stands for the forces in it
        (
            "Militants attacked a security check post in Bannu late on Saturday.",
            "2023-05-01",
            "18",
            "PAKINS",
            "PAKMIL",
            None,
        ),
        # 'a US drone strike' is the US's, and the one killed by it is its target
        (
            "Ayman al-Zawahiri was killed by a US drone strike on a house in Kabul.",
            "2022-08-01",
            "19",
            "USA",
            "IMG",
            None,
        ),
        # a state's strikes fall on another country's civilians unless the place says otherwise
        (
            "Pakistan's military said 31 civilians were killed by the Indian missile strikes.",
            "2025-05-07",
            "19",
            "IND",
            "PAKCVL",
            None,
        ),
        # a person the dictionary does not know, detained
        (
            "Alexei Navalny was detained by police at a Moscow airport on Sunday.",
            "2021-01-17",
            "17",
            "RUSCOP",
            "RUS",
            None,
        ),
        # the withdrawal of foreign troops from a country: the troops take no country from it
        (
            "The withdrawal of foreign troops from Afghanistan was completed on Monday.",
            "2021-08-31",
            "08",
            None,
            "AFG",
            "AFGMIL",
        ),
    ],
)
def test_attribution_rules(code_text, text, date, root, source, target, absent):
    evs = code_text(text, date)
    hits = find(evs, root, source, target)
    assert hits, [e.as_dict() for e in evs]
    if absent:
        assert not [e for e in evs if e.root == root and absent in (e.source.code, e.target.code if e.target else "")]


def test_two_titles_and_a_description_are_one_actor(code_text):
    evs = code_text(
        "DOHA: US special envoy Zalmay Khalilzad and Taliban deputy leader Mullah Abdul Ghani Baradar signed an "
        "agreement on Saturday.",
        "2020-02-29",
    )
    signed = [e for e in evs if e.root == "05"]
    assert len(signed) == 2, [e.as_dict() for e in evs]  # one each way, not one per name and title
    visit = code_text("ISLAMABAD: Deputy Prime Minister and Foreign Minister Ishaq Dar arrived in Kabul.", "2025-04-19")
    assert [e.source.code for e in visit if e.root == "04"] == ["PAKGOV"], [e.as_dict() for e in visit]


def test_hosted_talks_mutual_fire_and_a_raid(code_text):
    hosted = code_text(
        "Pakistan hosted the first round of direct talks between the Afghan government and the Taliban in Murree.",
        "2015-07-07",
    )
    assert find(hosted, "04", "PAK", "AFGGOV") and find(hosted, "04", "AFGGOV", "AFGINS"), [e.as_dict() for e in hosted]
    assert [e.cameo for e in hosted if e.trigger == "hosted"] == ["045", "045"]  # a mediation between the two
    fire = code_text("Border guards of the two countries exchanged fire at Torkham on Wednesday.", "2023-02-22")
    assert find(fire, "19", "PAKMIL", "AFGMIL") and find(fire, "19", "AFGMIL", "PAKMIL"), [e.as_dict() for e in fire]
    raid = code_text(
        "KARACHI: Mullah Abdul Ghani Baradar was captured in a joint raid by Pakistani and American intelligence "
        "agents in Karachi, officials said.",
        "2010-02-16",
    )
    assert find(raid, "17", "PAKSPY", "AFG") and find(raid, "17", "USASPY", "AFG"), [e.as_dict() for e in raid]
    assert not find(raid, "19"), [e.as_dict() for e in raid]  # the raid is how he was captured
    strike = code_text(
        "A US drone strike near Baghdad airport killed Major General Qassem Soleimani, the commander of Iran's "
        "Quds Force, the Pentagon said.",
        "2020-01-03",
    )
    assert [(e.root, e.source.code, e.target.code if e.target else None) for e in strike] == [("19", "USA", "IRNMIL")]
    plans = code_text("Pakistan has no plans to carry out further strikes in Afghanistan.", "2024-03-20")
    assert plans and all(e.negated for e in plans if e.root == "19"), [e.as_dict() for e in plans]


def test_a_rights_body_reporting_abuses_accuses_the_perpetrator(code_text):
    evs = code_text(
        "The UN human rights office said China's detention of Uyghurs and other Muslims in Xinjiang may amount to "
        "crimes against humanity.",
        "2022-09-01",
    )
    assert find(evs, "11", "IGO", "CHN"), [e.as_dict() for e in evs]
    other = code_text(
        "Iran has forced one million Afghans out of the country, the UN migration agency said.", "2023-12-01"
    )
    assert not find(other, "11"), [e.as_dict() for e in other]  # a report of expulsions is no accusation


def test_a_foreign_minister_takes_the_story_s_country_and_foreign_troops_none():
    from khyber.coding.coder import Coder
    from khyber.records import Actor

    coder = Coder()
    coder._home, coder._focus = "PAK", None  # a Pakistani dateline, nothing else to go on
    minister = coder._fill_country(Actor("the foreign minister", None, "GOV", "GOV", "", "GOV", 0, 20), None)
    troops = coder._fill_country(Actor("foreign troops", None, "MIL", "MIL", "", "MIL", 0, 14), None)
    assert minister is not None and minister.code == "PAKGOV"
    assert troops is not None and troops.code == "MIL"


def test_what_a_condemnation_alleges_is_not_coded_as_done(code_text):
    evs = code_text(
        "KABUL: The Islamic Emirate's defence ministry on Friday condemned Pakistan for violating Afghan airspace "
        "over Kabul and bombing a market in Paktika, warning of consequences.",
        "2025-10-10",
    )
    assert not [e for e in evs if e.source.code.startswith("PAK")], [e.as_dict() for e in evs]
    assert find(evs, "13", "AFG", "PAK"), [e.as_dict() for e in evs]  # the warning is the ministry's


def test_role_nouns_that_need_a_country(code_text):
    both = code_text(
        "Pakistani and Afghan commanders held a flag meeting at Torkham on Friday and agreed to lift the "
        "restrictions on the movement of trucks.",
        "2023-03-03",
    )
    assert find(both, "04", "PAKMIL", "AFGMIL") and find(both, "04", "AFGMIL", "PAKMIL"), [e.as_dict() for e in both]
    bare = code_text("The commanders met in a village near the border on Friday.", "2023-03-03")
    assert not bare, [e.as_dict() for e in bare]  # bare "commanders" may be anyone's


def test_accord_demands_with_a_clause_and_ultimatums(code_text):
    accord = code_text(
        "The foreign ministers of Pakistan and Afghanistan met in Islamabad on Saturday. They agreed that "
        "terrorism posed a common threat to both countries.",
        "2017-12-16",
    )
    assert find(accord, "01", "PAKGOV", "AFGGOV") and [e.cameo for e in accord if e.trigger == "agreed"] == [
        "019",
        "019",
    ], [e.as_dict() for e in accord]
    demand = code_text(
        "The Taliban administration demanded that Pakistan release the Afghan traders detained in Peshawar.",
        "2023-11-02",
    )
    assert [e.cameo for e in demand if e.trigger == "demanded"] == ["1053"], [e.as_dict() for e in demand]
    asked = [e for e in demand if e.trigger == "release"]  # the act demanded, flagged
    assert asked and all(e.hypothetical and e.source.code.startswith("PAK") for e in asked), [
        e.as_dict() for e in demand
    ]
    ultimatum = code_text(
        "The TTP gave the government 72 hours to release its detained commanders or face attacks.", "2014-02-01"
    )
    assert find(ultimatum, "13", "PAKINS", "PAKGOV") and [e.cameo for e in ultimatum if e.trigger == "gave"] == [
        "139"
    ], [e.as_dict() for e in ultimatum]


def test_an_embassy_is_the_sending_state_s(code_text):
    attack = code_text("Pakistan said gunmen attacked its embassy in Kabul on Friday.", "2022-12-03")
    assert find(attack, "19", None, "PAKGOV"), [e.as_dict() for e in attack]
    condemned = code_text(
        "Pakistan's Foreign Office strongly condemned Friday's attack on its embassy in Kabul.", "2022-12-03"
    )
    # the victim is its own: a condemnation with no target, not one of Afghanistan
    assert [(e.cameo, e.target) for e in condemned if e.trigger == "condemned"] == [("111", None)], [
        e.as_dict() for e in condemned
    ]


def test_a_participle_tagged_as_a_noun_and_a_pronoun_for_an_act(code_text):
    evs = code_text(
        "Kabul condemned Pakistan's air strikes on civilian homes in Khost, calling them a violation of Afghan "
        "sovereignty and warning that they would not go unanswered.",
        "2024-03-19",
    )
    # "warning" is tagged a noun by the small model; it is the verb, and a threat
    assert [e.cameo for e in evs if e.trigger == "warning"] == ["130"], [e.as_dict() for e in evs]
    # "calling them a violation" restates the condemnation of Pakistan's strikes: one event
    assert [(e.cameo, e.target.code if e.target else None) for e in evs if e.root == "11"] == [("111", "PAK")], [
        e.as_dict() for e in evs
    ]


def test_fire_from_the_other_side(code_text):
    sniper = code_text(
        "A Pakistani soldier was shot dead by a sniper firing from the Afghan side of the border in the Bajaur "
        "sector, the ISPR said.",
        "2023-05-02",
    )
    assert find(sniper, "19", "AFG", "PAKMIL"), [e.as_dict() for e in sniper]
    fire = code_text(
        "Pakistan's military said its forces destroyed several Taliban posts in response to unprovoked firing "
        "from the Afghan side.",
        "2025-10-12",
    )
    assert find(fire, "19", "AFG", "PAK"), [e.as_dict() for e in fire]
    assert not code_text("Both sides agreed to meet again.", "2025-10-12")  # no country, no side


def test_a_participle_after_a_reported_passive_is_the_reporter_s(code_text):
    evs = code_text(
        "Pakistan recalled its ambassador from Tehran and said Iran's envoy, who was visiting his home country, "
        "would not be allowed to return, calling the strike an unprovoked violation of its airspace.",
        "2024-01-17",
    )
    assert [(e.source.code, e.target.code if e.target else None) for e in evs if e.trigger == "calling"] == [
        ("PAK", "IRN")
    ], [e.as_dict() for e in evs]


def test_the_receiver_is_the_target(code_text):
    cargo = code_text(
        "Pakistan received its first cargo of discounted Russian crude oil at Karachi port on Sunday.", "2023-06-11"
    )
    assert [(e.cameo, e.source.code, e.target.code if e.target else None) for e in cargo] == [("061", "RUS", "PAK")]
    call = code_text("Shehbaz Sharif received a telephone call from Narendra Modi on Sunday.", "2024-03-10")
    assert find(call, "04", "INDGOV", "PAKGOV") and not find(call, "04", "PAKGOV"), [e.as_dict() for e in call]


def test_whom_an_inquiry_is_into(code_text):
    nab = code_text(
        "The National Accountability Bureau opened an inquiry into former prime minister Imran Khan over the sale "
        "of state gifts, the bureau's spokesman said.",
        "2022-09-13",
    )
    assert find(nab, "09", "PAK", "PAKOPP"), [e.as_dict() for e in nab]
    icc = code_text(
        "ICC prosecutor Karim Khan announced that he was opening an investigation into possible crimes against "
        "humanity in Venezuela.",
        "2021-11-03",
    )
    assert find(icc, "09", "IGO", "VEN"), [e.as_dict() for e in icc]


def test_his_release_is_not_the_court_s(code_text):
    evs = code_text(
        "The Supreme Court declared Imran Khan's arrest illegal and ordered his immediate release.", "2023-05-11"
    )
    assert [(e.cameo, e.source.code, e.target.code if e.target else None) for e in evs] == [
        ("0841", "PAKJUD", "PAKOPP")
    ], [e.as_dict() for e in evs]


def test_each_other(code_text):
    evs = code_text("India and Pakistan accused each other of violating the ceasefire on Friday.", "2025-05-11")
    assert find(evs, "11", "IND", "PAK") and find(evs, "11", "PAK", "IND"), [e.as_dict() for e in evs]
    fire = code_text("Indian and Pakistani troops fired at one another across the Line of Control.", "2025-05-11")
    assert find(fire, "19", "INDMIL", "PAKMIL") and find(fire, "19", "PAKMIL", "INDMIL"), [e.as_dict() for e in fire]
    each = code_text(
        "Israel and Iran accepted a ceasefire announced by Trump, although each accused the other of violating it.",
        "2025-06-24",
    )
    assert sorted((e.source.code, e.target.code) for e in each if e.root == "11" and e.target) == [
        ("IRN", "ISR"),
        ("ISR", "IRN"),
    ], [e.as_dict() for e in each]


def test_a_capital_naming_an_attack_is_its_place(code_text):
    evs = code_text(
        "Prime Minister Nawaz Sharif telephoned President Ashraf Ghani on Wednesday to express condolences over "
        "the loss of lives in the Kabul bombing.",
        "2017-06-01",
    )
    assert not find(evs, "18") and not find(evs, "19"), [e.as_dict() for e in evs]  # Kabul bombed no one


def test_a_participle_repeating_the_act_is_one_event(code_text):
    evs = code_text(
        "Prime Minister Shehbaz Sharif praised the Afghan interim government's cooperation in the recovery of the "
        "kidnapped officials, thanking Kabul in a message posted on social media.",
        "2024-08-20",
    )
    assert len(find(evs, "05", "PAKGOV", "AFGGOV")) == 1, [e.as_dict() for e in evs]


def test_a_gun_attack_killing_hundreds_is_mass_killing(code_text):
    evs = code_text(
        "Gunmen stormed the town on Saturday, killing about 1,200 people, most of them civilians, officials said.",
        "2023-10-07",
    )
    assert [e.cameo for e in evs if e.trigger == "stormed"] == ["202"], [e.as_dict() for e in evs]


def test_commentators_make_no_statements(code_text):
    evs = code_text(
        "Analysts warned that two nuclear-armed neighbours exchanging missile strikes created a real risk of "
        "miscalculation.",
        "2025-05-09",
    )
    assert not [e for e in evs if e.trigger == "warned"], [e.as_dict() for e in evs]


def test_a_threat_of_force_gives_the_force_threatened(code_text):
    war = code_text(
        "Defence Minister Khawaja Asif warned that if the talks in Istanbul failed, it would mean open war with "
        "Afghanistan.",
        "2025-10-29",
    )
    force = [e for e in war if e.root == "19"]
    assert find(war, "13", "PAKGOV") and force and all(e.hypothetical for e in force), [e.as_dict() for e in war]
    assert force[0].target is not None and force[0].target.code.startswith("AFG")
    face = code_text(
        "India's army chief warned that Pakistan's army would face retaliation if infiltration across the Line of "
        "Control continued.",
        "2016-09-20",
    )
    assert find(face, "19", "INDMIL", "PAKMIL"), [e.as_dict() for e in face]  # who faces it is the target
    plain = code_text("The TTP threatened to attack security forces.", "2022-11-28")
    assert len([e for e in plain if e.root == "18"]) == 1, [e.as_dict() for e in plain]  # "forces" is no force


def test_the_talks_a_visit_is_for(code_text):
    planned = code_text(
        "Pakistan's prime minister will travel to Kabul next week for talks with the Afghan leadership, his office "
        "said.",
        "2025-10-29",
    )
    talks = find(planned, "04", "PAKGOV", "AFGGOV")
    assert {e.cameo for e in talks} == {"042", "046"} and all(e.hypothetical for e in talks), [
        e.as_dict() for e in planned
    ]
    stop = code_text(
        "Prime Minister Narendra Modi made an unannounced stopover in Lahore on Friday to meet Nawaz Sharif.",
        "2015-12-25",
    )
    assert {e.cameo for e in stop} == {"042", "040"}, [e.as_dict() for e in stop]


def test_blocs_and_what_is_rejected(code_text):
    west = code_text(
        "Russia said it was pulling out of the grain deal, accusing the West of failing to honour its commitments.",
        "2023-07-17",
    )
    assert find(west, "11", "RUS", "WST"), [e.as_dict() for e in west]
    europe = code_text("The Kremlin rejected the European demand for an unconditional ceasefire.", "2025-05-12")
    assert [(e.root, e.source.code, e.target.code if e.target else None) for e in europe] == [("12", "RUSGOV", "EUR")]
    assert not code_text("Clashes erupted in western Afghanistan on Friday.", "2025-05-12") or all(
        e.source.code != "WST" for e in code_text("Clashes erupted in western Afghanistan on Friday.", "2025-05-12")
    )


def test_a_posture_of_one_s_own_forces_has_no_target(code_text):
    evs = code_text("NATO put forces on standby on Monday.", "2022-01-24")
    assert [(e.root, e.target) for e in evs] == [("15", None)], [e.as_dict() for e in evs]
    units = code_text("Pakistan's military placed its units on high alert after the Taliban attacks.", "2023-09-07")
    assert [e.target for e in units if e.root == "15"] == [None], [e.as_dict() for e in units]


def test_a_town_is_in_the_country_named_with_it(code_text):
    evs = code_text(
        "Islamist insurgents seized the town of Palma in northern Mozambique after a days-long assault.", "2021-03-28"
    )
    occupied = [e for e in evs if e.cameo == "192"]
    assert occupied and occupied[0].target is not None and occupied[0].target.code == "MOZ", [
        e.as_dict() for e in evs
    ]  # not Palma de Mallorca


def test_bases_are_bases(code_text):
    evs = code_text(
        "Iran struck what it said were bases of the militant group Jaish al-Adl in Pakistan's Balochistan province "
        "with missiles and drones late on Tuesday.",
        "2024-01-16",
    )
    assert find(evs, "19", "IRN", "IRNINS"), [e.as_dict() for e in evs]  # the group's bases, not Pakistan


def test_a_campaign_of_an_act_is_that_act(code_text):
    evs = code_text(
        "The Rapid Support Forces carried out a campaign of ethnic cleansing against the Masalit people in El Geneina.",
        "2023-11-09",
    )
    assert find(evs, "20", "SDNREB", "SDN"), [e.as_dict() for e in evs]


def test_an_act_after_another_has_the_same_doers(code_text):
    evs = code_text(
        "Taliban fighters killed nine men after taking control of Ghazni province's Malistan district, local "
        "elders said.",
        "2021-07-20",
    )
    occupied = [e for e in evs if e.cameo == "192"]
    assert occupied and occupied[0].source.code == "AFGINS" and occupied[0].target.code == "AFG", [
        e.as_dict() for e in evs
    ]


def test_an_ultimatum_with_force_and_a_regional_bloc(code_text):
    evs = code_text(
        "West African leaders gave Niger's junta one week to reinstate Bazoum or face possible military "
        "intervention, and imposed sweeping financial sanctions on the country.",
        "2023-07-30",
    )
    got = sorted((e.cameo, e.source.code, e.target.code if e.target else None, e.hypothetical) for e in evs)
    assert got == [
        ("139", "IGOWAS", "NER", False),
        ("163", "IGOWAS", "NER", False),
        ("190", "IGOWAS", "NER", True),
    ], got


def test_readiness_is_the_intent_to_act(code_text):
    talks = code_text(
        "Pakistan said it remained willing to hold talks with Kabul on all issues of concern.", "2025-11-08"
    )
    assert [(e.cameo, e.hypothetical) for e in talks] == [("036", False)], [e.as_dict() for e in talks]
    assert talks[0].target is not None and talks[0].target.code.startswith("AFG")
    ttp = code_text(
        "The Tehreek-e-Taliban Pakistan said in a statement that it was prepared to negotiate with the government.",
        "2014-02-01",
    )
    assert [(e.cameo, e.source.code, e.target.code if e.target else None) for e in ttp] == [
        ("036", "PAKINS", "PAKGOV")
    ], [e.as_dict() for e in ttp]


def test_what_an_ultimatum_demands_is_not_done(code_text):
    evs = code_text("The TTP gave the government 72 hours to release its detained commanders.", "2014-02-01")
    assert [e.cameo for e in evs] == ["139"], [e.as_dict() for e in evs]


def test_releasing_a_recording_is_no_release(code_text):
    assert not code_text("The government released what it said was an intercepted conversation.", "2009-08-01")


def test_a_state_of_alert_is_an_alert(code_text):
    evs = code_text("Iran's armed forces were placed on their highest state of alert on Sunday.", "2024-04-13")
    assert [e.cameo for e in evs] == ["152"], [e.as_dict() for e in evs]


def test_a_law_acts_for_its_makers(code_text):
    evs = code_text(
        "Ukraine's parliament passed a law banning religious organisations linked to the Russian Orthodox Church.",
        "2024-08-20",
    )
    assert [(e.root, e.source.code, e.target.code if e.target else None) for e in evs] == [
        ("17", "UKRLEG", "UKRREL")
    ], [e.as_dict() for e in evs]


def test_fighters_take_the_country_they_operate_from(code_text):
    evs = code_text("Pakistan accused militants based in Afghanistan of planning the attack.", "2023-02-01")
    assert find(evs, "11", "PAK", "AFGINS"), [e.as_dict() for e in evs]
    soil = code_text(
        "India called on Pakistan to take action against terror groups operating from its soil.", "2019-02-20"
    )
    assert find(soil, "17", "PAK", "PAKINS"), [e.as_dict() for e in soil]


def test_who_released_them_when_the_sentence_does_not_say(code_text):
    story = code_text(
        "Taliban intelligence officials detained two Pakistani journalists in Kandahar on Friday. They were "
        "released the next day after the Pakistani embassy intervened.",
        "2024-06-01",
    )
    assert find(story, "08", "AFGSPY", "PAKMED"), [e.as_dict() for e in story]  # by those who took them
    pilot = code_text(
        "Prime Minister Imran Khan told a joint session of parliament that the captured Indian pilot, Wing "
        "Commander Abhinandan Varthaman, would be released the next day as a gesture of peace.",
        "2019-02-28",
    )
    assert find(pilot, "08", "PAKGOV", "INDMIL"), [e.as_dict() for e in pilot]  # by the state that announces it


def test_the_two_countries_agreeing_to_meet(code_text):
    evs = code_text(
        "Iranian Foreign Minister Hossein Amir-Abdollahian arrived in Islamabad on Monday, and the two countries "
        "agreed to hold regular consultations on border security.",
        "2024-01-29",
    )
    agreed = sorted((e.cameo, e.source.code, e.target.code if e.target else None) for e in evs if e.root == "03")
    assert agreed == [("036", "IRNGOV", "PAKGOV"), ("036", "PAKGOV", "IRNGOV")], [e.as_dict() for e in evs]
    assert not [e for e in evs if e.trigger == "consultations"]  # what was agreed is not coded again


def test_what_an_accusation_alleges_is_no_event(code_text):
    evs = code_text("Russia accused the West of failing to honour its commitments on food exports.", "2023-07-17")
    assert [(e.root, e.source.code) for e in evs] == [("11", "RUS")], [e.as_dict() for e in evs]


def test_what_a_vetoed_resolution_says_did_not_happen(code_text):
    evs = code_text(
        "The United States vetoed a Security Council resolution demanding an immediate humanitarian ceasefire.",
        "2023-12-08",
    )
    assert [e.cameo for e in evs] == ["129"], [e.as_dict() for e in evs]


def test_an_attack_known_only_from_its_claim(code_text):
    evs = code_text(
        "The Baloch Liberation Army claimed responsibility for the suicide bombing at Quetta railway station that "
        "killed at least 26 people.",
        "2024-11-09",
    )
    got = sorted((e.cameo, e.source.code, e.target.code if e.target else None) for e in evs)
    assert got == [("015", "PAKSEP", None), ("1831", "PAKSEP", "PAK")], got
    told = code_text(
        "A suicide bomber rammed a car into a police convoy in Pulwama on Thursday. Jaish-e-Mohammad claimed "
        "responsibility for the attack.",
        "2019-02-14",
    )
    assert len([e for e in told if e.root == "18"]) == 1, [e.as_dict() for e in told]  # told once, not twice
    assert not code_text("No group has claimed responsibility for the attack so far.", "2024-11-09")


def test_an_attack_told_again_is_a_claim_and_its_toll(code_text):
    evs = code_text(
        "A suicide bomber struck a convoy carrying Chinese engineers near Karachi airport late on Sunday. The "
        "Baloch Liberation Army said it carried out the attack, which killed two Chinese nationals.",
        "2024-10-07",
    )
    got = sorted((e.root, e.source.code, e.target.code if e.target else None) for e in evs)
    assert got == [("01", "PAKSEP", None), ("18", "PAKSEP", "CHNCVL")], got  # the engineers on board


def test_what_is_blamed_on_someone(code_text):
    evs = code_text(
        "Hundreds of people were killed in an explosion at al-Ahli Arab hospital, which Hamas blamed on an Israeli "
        "air strike.",
        "2023-10-18",
    )
    assert find(evs, "11", "PSE", "ISR"), [e.as_dict() for e in evs]
    assert not find(evs, "19"), [e.as_dict() for e in evs]  # the strike is what Hamas alleges


def test_an_admission_or_denial_targets_no_one_in_its_clause(code_text):
    evs = code_text("The Afghan Taliban denied that their fighters had crossed into Pakistani territory.", "2023-09-07")
    assert [(e.cameo, e.target) for e in evs if e.trigger == "denied"] == [("016", None)], [e.as_dict() for e in evs]


def test_an_ordered_inquiry_into_reports_targets_whom_they_report(code_text):
    evs = code_text(
        "Pakistan's interior ministry ordered an inquiry into reports that Afghan refugees were being harassed by "
        "police in Islamabad.",
        "2023-11-09",
    )
    assert find(evs, "09", "PAKGOV", "PAKCOP"), [e.as_dict() for e in evs]


def test_an_appeal_to_the_world_targets_no_one(code_text):
    evs = code_text(
        "Pakistan appealed to the international community on Thursday to release Afghanistan's frozen reserves.",
        "2021-12-16",
    )
    assert [(e.root, e.target) for e in evs] == [("02", None)], [e.as_dict() for e in evs]
    world = code_text("Imran Khan called on the world to provide humanitarian assistance to Afghanistan.", "2021-09-01")
    assert not [e for e in world if e.root == "07"], [e.as_dict() for e in world]  # the world provides, not Khan


def test_a_participle_describing_a_victim_is_no_event(code_text):
    evs = code_text(
        "Gunmen on motorcycles shot dead two polio workers and a police officer escorting them in the Mohmand "
        "district on Thursday, a police spokesman said.",
        "2023-05-11",
    )
    assert evs and all(e.root in ("18", "19") for e in evs), [e.as_dict() for e in evs]


def test_what_it_called_is_a_label(code_text):
    evs = code_text(
        "Pakistan carried out retaliatory strikes on what it called terrorist hideouts in Iran's Sistan-Baluchestan "
        "province early on Thursday.",
        "2024-01-18",
    )
    assert [e.root for e in evs] == ["19"], [e.as_dict() for e in evs]


def test_in_custody_is_no_arrest(code_text):
    evs = code_text("Two Afghan detainees died in Pakistani custody last week, their relatives said.", "2024-02-01")
    assert not [e for e in evs if e.root == "17"], [e.as_dict() for e in evs]
    held = code_text("The two countries exchanged lists of fishermen held in each other's custody.", "2024-01-01")
    assert not [e for e in held if e.trigger == "held"], [e.as_dict() for e in held]


def test_those_asked_to_act_are_not_the_asker(code_text):
    evs = code_text(
        "Islamabad has been lobbying Muslim nations to engage with the Taliban government, officials said.",
        "2021-12-01",
    )
    assert not [e for e in evs if e.root == "04" and e.source.code.startswith("PAK")], [e.as_dict() for e in evs]


def test_one_act_told_twice_in_a_sentence_is_one_event(code_text):
    evs = code_text(
        "An anti-terrorism court in Lahore convicted Hafiz Saeed of financing terrorism and sentenced him to 11 "
        "years in prison.",
        "2020-02-12",
    )
    assert len(evs) == 1 and evs[0].root == "11", [e.as_dict() for e in evs]
    assert evs[0].extra and evs[0].extra[0][0] == "also_told_as"  # the other wording kept as evidence


def test_a_custom_is_no_event(code_text):
    assert not code_text(
        "The border ceremony, in which soldiers of both countries perform a drill at sunset, draws crowds every "
        "evening.",
        "2024-01-01",
    )
    assert code_text("Pakistani troops performed a drill on the border on Monday.", "2024-01-01")


def test_an_exchange_of_fire_between_the_two_sides(code_text):
    evs = code_text(
        "Pakistani authorities sealed the Torkham crossing on Wednesday after an exchange of fire between border "
        "guards of the two countries.",
        "2023-02-22",
    )
    assert find(evs, "19", "PAKMIL", "AFGMIL") and find(evs, "19", "AFGMIL", "PAKMIL"), [e.as_dict() for e in evs]


def test_a_place_held_by_troops_is_that_country_s(code_text):
    evs = code_text(
        "UN inspectors visited the Zaporizhzhia nuclear power plant, which has been occupied by Russian troops since "
        "March.",
        "2022-09-01",
    )
    assert find(evs, "19", "RUSMIL", "UKR"), [e.as_dict() for e in evs]


def test_a_charity_ordered_to_close(code_text):
    evs = code_text("Pakistan ordered the charity Save the Children to close its offices.", "2015-06-12")
    assert [(e.cameo, e.source.code, e.target.code if e.target else None) for e in evs] == [("1663", "PAK", "NGO")], [
        e.as_dict() for e in evs
    ]  # an aid agency expelled; a charity is no country's


def test_the_recipients_of_aid_are_its_target(code_text):
    evs = code_text(
        "The World Food Programme distributed biscuits and cash to more than 10,000 returnees.", "2023-11-09"
    )
    assert [(e.root, e.target.role if e.target else None) for e in evs] == [("07", "REF")], [e.as_dict() for e in evs]


def test_what_an_appeal_is_for_is_no_event(code_text):
    evs = code_text(
        "Afghanistan's minister for refugees appealed to the UN refugee agency for additional funds to shelter the "
        "families returning from Pakistan.",
        "2023-11-20",
    )
    assert [e.root for e in evs] == ["02"], [e.as_dict() for e in evs]


def test_an_act_retold_in_the_next_sentence_is_one_event(code_text):
    evs = code_text(
        "Islamabad summoned the Afghan charge d'affaires on Monday. It conveyed a strong protest over the bombing "
        "in Bajaur.",
        "2024-09-02",
    )
    protests = [e for e in evs if e.cameo == "114"]
    assert len(protests) == 1 and protests[0].extra, [e.as_dict() for e in evs]


def test_where_a_bid_is_blocked_is_no_target(code_text):
    evs = code_text("China blocked a bid at the UN Security Council on Wednesday.", "2019-03-13")
    assert evs and all(e.target is None or not e.target.code.startswith("IGO") for e in evs), [e.as_dict() for e in evs]


def test_what_an_attack_destroys_is_its_toll(code_text):
    evs = code_text(
        "NATO warplanes struck Muammar Gaddafi's compound in Tripoli early on Monday, destroying a building used "
        "for meetings.",
        "2011-04-25",
    )
    assert [e.root for e in evs] == ["19"], [e.as_dict() for e in evs]


def test_they_is_the_governing_clause_s_subject(code_text):
    evs = code_text(
        "Five gunmen attacked India's parliament complex on Thursday, killing seven people before they were shot "
        "dead by security forces.",
        "2001-12-13",
    )
    shot = [e for e in evs if e.trigger == "shot"]
    assert shot and shot[0].target is not None and shot[0].target.role == "UAF", [e.as_dict() for e in evs]


def test_one_reading_of_a_trigger_with_the_fuller_sides(code_text):
    evs = code_text(
        "Kyiv's request for air defence systems was turned down on Friday, a week after a tense White House "
        "meeting between President Biden and President Zelensky.",
        "2023-05-12",
    )
    meetings = [e for e in evs if e.trigger == "meeting"]
    pairs = sorted((e.source.code, e.target.code if e.target else "") for e in meetings)
    assert pairs == [("UKRGOV", "USAGOV"), ("USAGOV", "UKRGOV")], [e.as_dict() for e in evs]


def test_what_two_sides_exchange_is_not_a_side(code_text):
    evs = code_text(
        "Russia and Ukraine exchanged the bodies of soldiers killed near Bakhmut on Tuesday, officials said.",
        "2023-06-06",
    )
    got = sorted((e.source.code, e.target.code if e.target else "") for e in evs if e.trigger == "exchanged")
    assert got == [("RUS", "UKR"), ("UKR", "RUS")], [e.as_dict() for e in evs]
    assert not [e for e in evs if e.root == "19"], "the soldiers were killed; they did not fight"


def test_mediation_between_two_sides_is_towards_each(code_text):
    evs = code_text(
        "Saudi Arabia offered to mediate between Islamabad and the Baloch Liberation Army after the hijacking.",
        "2025-03-14",
    )
    got = sorted(e.target.code for e in evs if e.cameo.startswith("039") and e.target)
    assert got == ["PAKGOV", "PAKSEP"], [e.as_dict() for e in evs]


def test_mediation_offered_by_states_named_on_it(code_text):
    evs = code_text(
        "Kabul said it would welcome Chinese and Iranian mediation to ease its tensions with Islamabad.",
        "2025-01-20",
    )
    got = sorted(e.target.code for e in evs if e.cameo == "038" and e.target)
    assert got == ["CHN", "IRN"], [e.as_dict() for e in evs]


def test_urdu_connectors_keep_a_group_name_whole():
    from khyber.nlp.parser import load_nlp

    doc = load_nlp()("Talks between the government and Tehreek-e-Labbaik Pakistan resumed.")
    assert "Tehreek-e-Labbaik" in [t.text for t in doc]
    words = [t.text for t in load_nlp()("Jamiat Ulema-e-Islam-Fazl backed Tehreek-e-Insaf's demand.")]
    assert "Ulema-e-Islam-Fazl" in words and words[-4:-1] == ["Tehreek-e-Insaf", "'s", "demand"], words


def test_a_visitor_leading_a_delegation_visits_the_host_and_talks_with_it(code_text):
    evs = code_text(
        "Uzbekistan's foreign minister arrived in Kabul on Sunday at the head of a large delegation. He is due to "
        "hold talks on the trans-Afghan railway during the two-day visit.",
        "2024-07-14",
    )
    assert find(evs, "04", "UZBGOV", "AFG") and [e for e in evs if e.cameo == "042"], [e.as_dict() for e in evs]
    talks = [e for e in evs if e.cameo == "046"]
    assert talks and talks[0].target is not None and talks[0].target.country == "AFG", [e.as_dict() for e in evs]


def test_relatives_of_the_missing_are_civilians(code_text):
    evs = code_text(
        "Relatives of missing persons rallied outside the Peshawar Press Club on Sunday, demanding that the "
        "government trace their loved ones.",
        "2024-03-03",
    )
    assert find(evs, "14", "PAKCVL") or find(evs, "10", "PAKCVL"), [e.as_dict() for e in evs]


def test_the_country_is_the_state_named_before(code_text):
    evs = code_text(
        "Shops stayed shut across Afghanistan on Friday as the country observed a day of mourning for the "
        "victims of the earthquake.",
        "2023-10-13",
    )
    assert [(e.cameo, e.source.code) for e in evs] == [("017", "AFG")], [e.as_dict() for e in evs]


def test_the_group_a_suspect_is_linked_to_is_the_target(code_text):
    evs = code_text(
        "Police in Quetta detained a suspected financier on Monday, saying he was linked to the Balochistan "
        "Liberation Army.",
        "2024-05-06",
    )
    assert find(evs, "17", "PAKCOP", "PAKSEP"), [e.as_dict() for e in evs]
    evs = code_text("Sindh Rangers arrested a man affiliated with Lashkar-e-Jhangvi in Karachi.", "2024-05-10")
    assert find(evs, "17", target="PAK") and all(e.target and e.target.actor_id for e in evs), [
        e.as_dict() for e in evs
    ]


def test_an_appeal_to_the_world_has_no_target(code_text):
    evs = code_text(
        "The Taliban's deputy prime minister appealed to the international community on Monday to release "
        "frozen reserves and send emergency food aid to Afghanistan.",
        "2022-01-10",
    )
    appeals = [e for e in evs if e.root == "02"]
    assert appeals and all(e.target is None for e in appeals), [e.as_dict() for e in evs]


def test_gunning_down_a_local_figure_is_an_assassination(code_text):
    evs = code_text("Unknown gunmen shot dead a former provincial lawmaker near his home in Bannu.", "2024-06-02")
    assert [e.cameo for e in evs if e.root == "18"] == ["186"], [e.as_dict() for e in evs]
    evs = code_text("Gunmen shot dead two shopkeepers in Bannu on Sunday, police said.", "2024-06-02")
    assert "186" not in [e.cameo for e in evs], [e.as_dict() for e in evs]


def test_investigating_how_something_happened_names_no_suspect(code_text):
    evs = code_text(
        "The provincial government set up an inquiry to investigate how the gunmen reached the hospital "
        "despite tight security, officials said.",
        "2024-02-11",
    )
    probes = [e for e in evs if e.root == "09"]
    assert probes and all(e.target is None for e in probes), [e.as_dict() for e in evs]


def test_what_strikes_were_targeting_is_their_target_not_a_second_attack(code_text):
    evs = code_text(
        "Iran launched missile strikes inside Pakistan's Balochistan province on Tuesday targeting bases of "
        "the Jaish al-Adl group, Iranian state media said.",
        "2024-01-17",
    )
    force = [e for e in evs if e.root in ("18", "19")]
    assert len(force) == 1 and force[0].target is not None and force[0].target.actor_id, [e.as_dict() for e in evs]


def test_those_carried_are_the_target_of_a_hijacking(code_text):
    evs = code_text(
        "Separatist fighters hijacked a bus carrying dozens of pilgrims near Mastung on Sunday and took the "
        "passengers hostage, officials said.",
        "2024-08-25",
    )
    seized = [e for e in evs if e.root == "18"]
    assert [(e.source.code, e.target.code if e.target else None) for e in seized] == [("PAKSEP", "PAKCVL")], [
        e.as_dict() for e in evs
    ]


def test_the_troops_a_struck_base_houses_are_the_target(code_text):
    evs = code_text(
        "Militia fighters fired rockets at two bases in Syria housing American troops late on Friday.",
        "2023-10-21",
    )
    assert find(evs, "19", target="USA") or find(evs, "18", target="USA"), [e.as_dict() for e in evs]


def test_who_emerged_from_talks_took_part_in_them(code_text):
    evs = code_text(
        "President Xi Jinping received President Joe Biden at a villa outside San Francisco, and the two "
        "leaders emerged from four hours of talks with an agreement to restore military communications.",
        "2023-11-16",
    )
    talks = sorted((e.source.code, e.target.code if e.target else None) for e in evs if e.trigger == "talks")
    assert talks == [("CHNGOV", "USAGOV"), ("USAGOV", "CHNGOV")], [e.as_dict() for e in evs]


def test_the_court_a_case_is_filed_at_is_not_the_accused(code_text):
    evs = code_text(
        "Gambia filed a case at the International Court of Justice on Monday accusing Myanmar of genocide "
        "against the Rohingya.",
        "2019-11-11",
    )
    suits = [e for e in evs if e.cameo == "115"]
    assert suits and suits[0].target is not None and suits[0].target.country == "MMR", [e.as_dict() for e in evs]
    evs = code_text("The PTI filed a petition in the Islamabad High Court on Tuesday.", "2024-01-09")
    assert [e.target for e in evs if e.cameo == "115"] == [None], [e.as_dict() for e in evs]


def test_a_tally_after_the_event_is_not_another_event(code_text):
    evs = code_text(
        "Russia vetoed a draft resolution on Ukraine on Friday, the fourth time it had blocked such a text.",
        "2022-09-30",
    )
    assert [e.cameo for e in evs] == ["129"], [e.as_dict() for e in evs]
    evs = code_text("It was the first time Iranian forces had struck targets inside Pakistan.", "2024-01-17")
    assert [e.root for e in evs] == ["19"], [e.as_dict() for e in evs]


def test_soldiers_killed_repulsing_an_attack_fought_the_attackers(code_text):
    evs = code_text(
        "PESHAWAR: Four soldiers were martyred repulsing an attack by militants on a check post in North "
        "Waziristan, the ISPR said.",
        "2024-04-02",
    )
    fought = [e for e in evs if e.trigger == "repulsing"]
    assert fought and fought[0].source.code == "PAKMIL", [e.as_dict() for e in evs]
    assert fought[0].target is not None and fought[0].target.role == "INS", [e.as_dict() for e in evs]


def test_a_dateline_is_parsed_apart_from_its_sentence():
    from khyber.pipeline import parse_documents

    doc = parse_documents(["DOHA: Delegations of the two governments held talks on Saturday."])[0]
    held = next(t for t in doc if t.text == "held")
    assert held.dep_ == "ROOT" and doc[0].head.i == 0, [(t.text, t.dep_) for t in doc]


def test_a_clause_with_its_own_subject_keeps_its_own_sides(code_text):
    evs = code_text(
        "An Iranian delegation visited the Afghan commerce ministry on Monday, and both sides agreed to expand "
        "trade through the Islam Qala crossing.",
        "2024-02-05",
    )
    agreed = sorted((e.source.country, e.target.country if e.target else None) for e in evs if e.trigger == "agreed")
    assert agreed == [("AFG", "IRN"), ("IRN", "AFG")], [e.as_dict() for e in evs]


def test_him_after_a_new_subject_is_the_first_speaker(code_text):
    evs = code_text(
        "Chinese Foreign Minister Wang Yi told Pakistan on Monday that it must protect Chinese workers, and "
        "Prime Minister Shehbaz Sharif assured him that security would be stepped up.",
        "2024-04-01",
    )
    assured = [e for e in evs if e.trigger == "assured"]
    assert assured and assured[0].target is not None and assured[0].target.code == "CHNGOV", [e.as_dict() for e in evs]


def test_a_report_that_jets_had_struck_keeps_the_jets_as_doers(code_text):
    evs = code_text(
        "The ministry declined to comment on reports that Israeli jets had struck a convoy near the Syrian "
        "border overnight.",
        "2024-03-02",
    )
    struck = [e for e in evs if e.trigger == "struck"]
    assert struck and struck[0].source.country == "ISR", [e.as_dict() for e in evs]


def test_a_rights_body_investigating_allegations_does_not_yet_accuse(code_text):
    evs = code_text(
        "The Afghanistan Independent Human Rights Commission said it was investigating reports that Taliban "
        "fighters executed prisoners in Panjshir.",
        "2021-09-10",
    )
    assert "1823" in [e.cameo for e in evs] and "1122" not in [e.cameo for e in evs], [e.as_dict() for e in evs]


def test_declining_to_comment_on_a_report_does_not_negate_it(code_text):
    evs = code_text(
        "The army declined to comment on reports that Afghan forces had attacked Pakistani border posts.",
        "2024-03-02",
    )
    force = [e for e in evs if e.root in ("18", "19")]
    assert force and not force[0].negated, [e.as_dict() for e in evs]


def test_closing_a_named_body_s_routes_is_towards_that_body(code_text):
    evs = code_text("Pakistan closed the NATO supply routes on Saturday after the Salala attack.", "2011-11-26")
    assert find(evs, "19", "PAK", "IGONATO"), [e.as_dict() for e in evs]


def test_a_letter_seeking_something_is_to_whom_it_was_written(code_text):
    evs = code_text(
        "Afghanistan's foreign minister wrote to the UN Secretary-General on Monday seeking an investigation "
        "into the strikes.",
        "2024-03-19",
    )
    seeking = [e for e in evs if e.trigger == "seeking"]
    assert seeking and seeking[0].target is not None and seeking[0].target.country == "IGO", [e.as_dict() for e in evs]


def test_those_killed_in_one_of_the_strikes_are_their_target(code_text):
    evs = code_text(
        "The army ordered an inquiry into the deaths of four journalists in one of its air strikes near Khan Younis.",
        "2024-01-08",
    )
    strikes = [e for e in evs if e.trigger == "strikes"]
    assert strikes and strikes[0].target is not None and strikes[0].target.role == "MED", [e.as_dict() for e in evs]


def test_who_an_agreement_allows_to_act_is_its_target(code_text):
    evs = code_text(
        "The Taliban agreed on Sunday to allow UN monitors to visit prisons in Kandahar, officials said.",
        "2022-05-08",
    )
    agreed = [e for e in evs if e.trigger == "agreed"]
    assert agreed and agreed[0].target is not None and agreed[0].target.country == "IGO", [e.as_dict() for e in evs]


def test_a_nationality_written_once_is_both_nouns(code_text):
    evs = code_text("Iranian border guards detained Pakistani fishermen and traders near Gwadar.", "2024-01-08")
    got = sorted(e.target.code for e in evs if e.root == "17" and e.target)
    assert got == ["PAKBUS", "PAKCVL"], [e.as_dict() for e in evs]


def test_a_resignation_yields_to_the_leader_s_own_country(code_text):
    evs = code_text("COLOMBO: President Gotabaya Rajapaksa resigned and fled to Singapore on Thursday.", "2022-07-14")
    quit_ = [e for e in evs if e.cameo == "0831"]
    assert quit_ and quit_[0].target is not None and quit_[0].target.country == "LKA", [e.as_dict() for e in evs]


def test_a_commission_s_inquiry_is_by_whoever_set_it_up(code_text):
    evs = code_text(
        "ISLAMABAD: The interior ministry set up a committee headed by a retired judge to investigate the "
        "Jaffar Express hijacking.",
        "2025-03-14",
    )
    probes = [e for e in evs if e.root == "09"]
    assert probes and probes[0].source.code == "PAKGOV", [e.as_dict() for e in evs]


def test_an_object_the_parser_makes_a_clause_subject_still_matches_the_pattern(code_text):
    evs = code_text(
        "Kabul allowed UN aid agencies to use the Hairatan crossing to bring food into the north, officials said.",
        "2022-02-01",
    )
    assert [e.cameo for e in evs if e.trigger == "allowed"] == ["0863"], [e.as_dict() for e in evs]


def test_labelling_a_counterpart_a_sponsor_of_terror_is_criticism(code_text):
    evs = code_text(
        "Pakistan's defence minister described the Afghan Taliban government as a proxy of India in a "
        "television interview on Sunday.",
        "2025-10-19",
    )
    assert find(evs, "11", "PAKGOV", "AFGGOV"), [e.as_dict() for e in evs]


def test_those_killed_in_a_clash_fought_those_they_clashed_with(code_text):
    evs = code_text(
        "Two soldiers were martyred in a clash with militants in the Kurram district on Tuesday, the ISPR said.",
        "2024-05-14",
    )
    pairs = sorted((e.source.code, e.target.code if e.target else None) for e in evs if e.trigger == "clash")
    assert pairs == [("PAKINS", "PAKMIL"), ("PAKMIL", "PAKINS")], [e.as_dict() for e in evs]
    assert all(e.location is not None and e.location.name.startswith("Kurram") for e in evs if e.trigger == "clash")


def test_a_village_the_gazetteer_lacks_is_placed_by_its_district(code_text):
    evs = code_text("Militants attacked a checkpoint in Sui, Dera Bugti district, on Wednesday.", "2023-07-12")
    assert evs and evs[0].location is not None and evs[0].location.name == "Dera Bugti", [e.as_dict() for e in evs]


def test_fighting_with_clubs_is_a_physical_assault(code_text):
    evs = code_text(
        "Indian and Chinese troops clashed on the border in Arunachal Pradesh, fighting with sticks and stones "
        "for hours, the army said.",
        "2022-12-12",
    )
    assert evs and all(e.root == "18" for e in evs if e.trigger == "clashed"), [e.as_dict() for e in evs]


def test_a_speaker_the_parser_hangs_on_the_word_before_said_still_speaks(code_text):
    evs = code_text(
        "Myanmar's military has carried out mass killings of Rohingya villagers in northern Rakhine, Human "
        "Rights Watch said in a report.",
        "2017-12-19",
    )
    accusations = [e for e in evs if e.cameo == "1122"]
    assert accusations and accusations[0].source.code.startswith("NGO"), [e.as_dict() for e in evs]


def test_militants_including_named_groups_are_those_groups(code_text):
    evs = code_text(
        "The army launched Operation Radd-ul-Fasaad on Wednesday against militants, including the Jamaat-ul-Ahrar "
        "and Lashkar-e-Jhangvi, officials said.",
        "2017-02-22",
    )
    got = sorted(e.target.actor_id for e in evs if e.root == "19" and e.target and e.target.actor_id)
    assert len(got) == 2 and all(e.target and e.target.actor_id for e in evs if e.root == "19"), [
        e.as_dict() for e in evs
    ]


def test_urdu_named_operations_are_one_token():
    from khyber.nlp.parser import load_nlp

    assert "Zarb-e-Azb" in [t.text for t in load_nlp()("The army launched Operation Zarb-e-Azb on Sunday.")]


def test_what_someone_is_accused_of_is_coded_as_alleged(code_text):
    evs = code_text("Kabul accused Islamabad of violating Afghan airspace on Sunday night.", "2025-10-12")
    alleged = [e for e in evs if e.trigger == "violating"]
    assert alleged and alleged[0].source.country == "PAK" and alleged[0].hypothetical, [e.as_dict() for e in evs]
    assert find(evs, "11", "AFG", "PAK"), [e.as_dict() for e in evs]


def test_returning_to_the_negotiating_table_is_negotiation(code_text):
    evs = code_text(
        "Pakistan and the TTP returned to the negotiating table in Kabul on Monday after a two-month pause.",
        "2022-05-16",
    )
    assert sorted(e.cameo for e in evs) == ["046", "046"], [e.as_dict() for e in evs]


def test_them_after_a_when_clause_is_the_main_clause_s_doers(code_text):
    evs = code_text(
        "Students blocked the main highway in Dhaka on Monday as ministers met at the secretariat. Police fired "
        "tear gas at them, witnesses said.",
        "2024-07-16",
    )
    fired = [e for e in evs if e.trigger == "fired"]
    assert fired and fired[0].target is not None and fired[0].target.role == "EDU", [e.as_dict() for e in evs]


def test_a_visit_told_twice_in_a_sentence_is_one_visit(code_text):
    evs = code_text(
        "Iran's foreign minister arrived in Islamabad on Monday for talks on border security, the first visit "
        "by an Iranian foreign minister to Pakistan since the strikes.",
        "2024-01-29",
    )
    assert len([e for e in evs if e.cameo == "042"]) == 1, [e.as_dict() for e in evs]


def test_him_down_a_chain_of_clauses_is_not_the_chain_s_subject(code_text):
    evs = code_text(
        "Prime Minister Shehbaz Sharif telephoned President Recep Tayyip Erdogan on Tuesday to thank him for "
        "the relief goods and assured him of Pakistan's support.",
        "2023-02-14",
    )
    assured = [e for e in evs if e.trigger == "assured"]
    assert assured and assured[0].target is not None and assured[0].target.country == "TUR", [e.as_dict() for e in evs]


def test_handing_over_released_prisoners_completes_the_release(code_text):
    evs = code_text(
        "India released 22 Pakistani fishermen on Friday and handed them over to Pakistani officials at the "
        "Wagah border.",
        "2024-02-02",
    )
    assert sorted(e.cameo for e in evs) == ["0841", "0841"], [e.as_dict() for e in evs]
    evs = code_text("The United States handed over Tahawwur Rana to India on Thursday.", "2025-04-10")
    assert [e.cameo for e in evs] == ["063"], [e.as_dict() for e in evs]


def test_land_named_by_its_state_s_adjective_is_that_state_s(code_text):
    evs = code_text(
        "Putin signed decrees annexing two Ukrainian provinces at a ceremony in the Kremlin on Friday.",
        "2022-09-30",
    )
    assert find(evs, "19", "RUS", "UKR"), [e.as_dict() for e in evs]


def test_a_bombing_campaign_on_a_place_is_on_its_state(code_text):
    evs = code_text("Russia began a massive bombing campaign on Kharkiv on Friday.", "2024-05-10")
    assert find(evs, "19", "RUS", "UKR"), [e.as_dict() for e in evs]


def test_fighting_between_an_army_and_rebels_is_force_on_both_sides(code_text):
    evs = code_text(
        "Heavy fighting broke out on Monday between the Myanmar army and the Arakan Army in Rakhine state.",
        "2024-02-05",
    )
    assert [e.cameo for e in evs if e.trigger == "fighting"] == ["190", "190"], [e.as_dict() for e in evs]


def test_an_attack_retold_in_the_next_sentence_is_one_attack_with_the_sharper_target(code_text):
    evs = code_text(
        "The Islamic State group claimed responsibility for the bombing of a mosque in Peshawar. The group said "
        "its fighter had targeted a gathering of Pakistani policemen.",
        "2023-01-31",
    )
    force = [e for e in evs if e.root == "18"]
    assert len(force) == 1 and force[0].target is not None and force[0].target.role == "COP", [e.as_dict() for e in evs]


def test_a_postponed_visit_and_an_exemption_not_granted_did_not_happen(code_text):
    evs = code_text(
        "The Chinese foreign minister's visit to Kabul was postponed on Sunday, officials said.", "2024-03-03"
    )
    visits = [e for e in evs if e.root == "04"]
    assert visits and all(e.negated for e in visits), [e.as_dict() for e in evs]
    evs = code_text("No talks took place between Pakistani and Afghan officials on Monday.", "2024-03-04")
    assert all(e.negated for e in evs), [e.as_dict() for e in evs]


def test_the_toll_of_an_attack_told_as_an_object_is_no_second_attack(code_text):
    evs = code_text(
        "Security forces carried out a campaign of mass killings in the region, killing hundreds of villagers, "
        "the report said.",
        "2024-03-03",
    )
    assert len([e for e in evs if e.root in ("18", "19", "20")]) == 1, [e.as_dict() for e in evs]


def test_considering_something_void_is_a_judgement_not_a_policy_option(code_text):
    evs = code_text("Tehran said it considered the resolution null and void.", "2024-06-06")
    assert "014" not in [e.cameo for e in evs], [e.as_dict() for e in evs]
    evs = code_text("Officials said the government was considering closing the Chaman crossing.", "2024-06-06")
    assert "014" in [e.cameo for e in evs], [e.as_dict() for e in evs]


def test_what_a_reaction_answers_happened(code_text):
    evs = code_text(
        "Islamabad ordered the Iranian ambassador to leave the country in retaliation for Iranian missile strikes "
        "on Panjgur.",
        "2024-01-17",
    )
    strikes = [e for e in evs if e.trigger == "strikes"]
    assert strikes and not strikes[0].hypothetical, [e.as_dict() for e in evs]


def test_allegations_that_someone_did_something_are_about_them(code_text):
    evs = code_text(
        "The UN ordered an inquiry into Pakistani allegations that Afghan border guards fired on a Pakistani "
        "patrol near Chaman.",
        "2024-05-20",
    )
    probe = [e for e in evs if e.root == "09"]
    claim = [e for e in evs if e.trigger == "allegations"]
    assert probe and probe[0].target is not None and probe[0].target.country == "AFG", [e.as_dict() for e in evs]
    assert claim and claim[0].target is not None and claim[0].target.country == "AFG", [e.as_dict() for e in evs]


def test_an_army_investigating_its_own_strike_names_no_target(code_text):
    evs = code_text(
        "The army said it had opened an investigation into the deaths of three shepherds in one of its drone "
        "strikes in Tirah.",
        "2024-05-20",
    )
    probe = [e for e in evs if e.root == "09"]
    assert probe and probe[0].target is None, [e.as_dict() for e in evs]


def test_its_forces_in_a_reported_clause_are_the_speaker_s(code_text):
    evs = code_text(
        "India's army said two soldiers were killed by Pakistani shelling in Poonch and that its troops had "
        "destroyed several Pakistani posts in response.",
        "2025-05-08",
    )
    destroyed = [e for e in evs if e.trigger == "destroyed"]
    assert destroyed and destroyed[0].source.code == "INDMIL", [e.as_dict() for e in evs]


def test_a_passive_with_a_doer_matches_the_pattern_s_object(code_text):
    evs = code_text("The Chaman border crossing was reopened by Pakistani authorities on Friday.", "2023-09-15")
    assert [e.cameo for e in evs] == ["0872"], [e.as_dict() for e in evs]
    evs = code_text("The Pakistani foreign minister's visit to Kabul was postponed on Sunday.", "2025-04-13")
    assert [e.cameo for e in evs] == ["042"] and evs[0].negated, [e.as_dict() for e in evs]


def test_an_armed_group_s_ceasefire_abroad_is_still_with_the_state_it_fights(code_text):
    evs = code_text(
        "The TTP agreed to extend its ceasefire by a month after talks in Kabul, a spokesman for the group said.",
        "2022-06-18",
    )
    truce = [e for e in evs if e.root == "08"]
    assert truce and truce[0].target is not None and truce[0].target.code == "PAKGOV", [e.as_dict() for e in evs]


def test_a_request_an_act_was_done_at_is_made_of_its_doer(code_text):
    evs = code_text("Qatar released two American detainees at the request of the United States.", "2023-09-18")
    asked = [e for e in evs if e.trigger == "request"]
    assert asked and asked[0].source.country == "USA" and asked[0].target is not None, [e.as_dict() for e in evs]
    assert asked[0].target.country == "QAT", [e.as_dict() for e in evs]


def test_the_group_after_a_named_charity_is_that_charity(code_text):
    evs = code_text(
        "Pakistan ordered the charity Norwegian Refugee Council to close its offices and told its foreign staff "
        "to leave the country, accusing the group of working against national interests.",
        "2023-12-04",
    )
    accused = [e for e in evs if e.trigger == "accusing"]
    assert accused and accused[0].target is not None and accused[0].target.code.startswith("NGO"), [
        e.as_dict() for e in evs
    ]


def test_a_ban_on_someone_s_activity_falls_on_them(code_text):
    evs = code_text("The Taliban imposed a ban on women's work at aid agencies on Saturday.", "2022-12-24")
    bans = [e for e in evs if e.root == "17"]
    assert bans and bans[0].target is not None and bans[0].target.code == "AFGCVL", [e.as_dict() for e in evs]


def test_an_appeal_and_the_act_it_names_are_both_coded(code_text):
    evs = code_text("Kabul called on Islamabad to reopen the Chaman border crossing immediately.", "2023-09-10")
    assert sorted(e.cameo for e in evs) == ["025", "0872"], [e.as_dict() for e in evs]
    reopen = next(e for e in evs if e.cameo == "0872")
    assert reopen.hypothetical and reopen.source.country == "PAK", reopen.as_dict()


def test_helping_improve_relations_is_no_aid(code_text):
    evs = code_text(
        "The foreign minister urged Pakistani clerics to help improve relations between the two countries.",
        "2023-02-01",
    )
    assert "070" not in [e.cameo for e in evs], [e.as_dict() for e in evs]


def test_not_condemning_attacks_does_not_undo_them(code_text):
    evs = code_text("Kabul has never condemned the TTP's attacks on Pakistani soldiers.", "2024-01-01")
    attacks = [e for e in evs if e.trigger == "attacks"]
    assert attacks and not attacks[0].negated, [e.as_dict() for e in evs]
    evs = code_text("Pakistan did not hold talks with the TTP.", "2024-01-01")
    assert evs and all(e.negated for e in evs), [e.as_dict() for e in evs]


def test_a_warning_of_force_is_a_threat_of_military_force(code_text):
    evs = code_text(
        "India's army chief warned Pakistan that India would respond with full force to any further attack.",
        "2019-02-20",
    )
    assert sorted(e.cameo for e in evs) == ["138", "190"], [e.as_dict() for e in evs]


def test_deadlines_expiring_plans_and_processes_named_by_topic_are_no_events(code_text):
    evs = code_text("Queues formed at Chaman as Pakistan's deadline for undocumented migrants expired.", "2023-11-01")
    assert "139" not in [e.cameo for e in evs], [e.as_dict() for e in evs]
    evs = code_text("The deal sets out a timetable for the withdrawal of foreign troops.", "2020-02-29")
    assert not [e for e in evs if e.root == "08"], [e.as_dict() for e in evs]
    evs = code_text("Qatar offered to host a new round to revive the Afghan peace process.", "2020-02-29")
    assert not [e for e in evs if e.trigger == "process"], [e.as_dict() for e in evs]


def test_an_exercise_of_two_armies_is_military_cooperation(code_text):
    evs = code_text(
        "The armies of Pakistan and China began their annual Warrior exercise in Xinjiang on Monday.", "2023-11-20"
    )
    assert sorted((e.cameo, e.source.country) for e in evs) == [("062", "CHN"), ("062", "PAK")], [
        e.as_dict() for e in evs
    ]
    evs = code_text("The Pakistan Navy held a naval exercise in the Arabian Sea on Monday.", "2023-11-20")
    assert [e.cameo for e in evs] == ["150"], [e.as_dict() for e in evs]


def test_forces_deployed_with_a_main_clause_are_its_subject_s(code_text):
    evs = code_text(
        "LAHORE: Police were put on high alert on Friday, with more than 8,000 officers deployed around the stadium.",
        "2024-03-08",
    )
    assert sorted(e.cameo for e in evs) == ["151", "153"], [e.as_dict() for e in evs]


def test_killing_while_seizing_a_town_is_violence_of_its_own(code_text):
    evs = code_text("Militants seized the town of Kunduz on Monday, killing dozens of residents.", "2015-09-28")
    assert sorted(e.root for e in evs) == ["18", "19"], [e.as_dict() for e in evs]


def test_a_toll_hung_on_another_clause_still_names_whom_the_attack_hit(code_text):
    evs = code_text(
        "A suicide bomber struck a checkpoint in Kabul as foreign troops withdrew, killing 20 civilians and "
        "three US soldiers.",
        "2021-08-26",
    )
    hit = sorted(e.target.code for e in evs if e.root == "18" and e.target)
    assert "USAMIL" in hit and any(c.endswith("CVL") for c in hit), [e.as_dict() for e in evs]


def test_a_call_joined_to_a_reported_clause_is_the_reporter_s(code_text):
    evs = code_text(
        "Amnesty International said it had received reports that prisoners were among those killed in the "
        "strike and called for an independent inquiry.",
        "2024-03-19",
    )
    calls = [e for e in evs if e.trigger == "called"]
    assert calls and calls[0].source.code.startswith(("NGO", "IGO")), [e.as_dict() for e in evs]


def test_killings_the_sentence_calls_a_massacre_are_mass_killing(code_text):
    evs = code_text(
        "Gunmen killed eleven coal miners near Machh, police said, describing the killings as a massacre.",
        "2021-01-03",
    )
    assert [e.cameo for e in evs if e.trigger == "killed"] == ["202"], [e.as_dict() for e in evs]
