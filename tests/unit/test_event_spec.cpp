// Guided entry (issue 12): the table of event types and flags is held to the
// parser, each alias means one thing, and flags build the event a file would hold.
#include "sejour61/event_spec.hpp"
#include "sejour61/json_parse.hpp"
#include "sejour61/record.hpp"

#include <gtest/gtest.h>

#include <set>

using namespace sejour61;
using nlohmann::json;

namespace {

// An event of type `s` with every required field (the first value of a choice).
json complete(const EventSpec& s) {
    json ev = {{"date", "2026-01-05"}, {"type", event_type_name(s.type)}};
    for (const auto& f : s.fields) {
        if (!f.required) continue;
        if (f.kind == FieldKind::choice) ev[f.name] = f.values.front().value;
        if (f.kind == FieldKind::text) ev[f.name] = "x";
        if (f.kind == FieldKind::boolean) ev[f.name] = true;
        if (f.kind == FieldKind::date) ev[f.name] = "2026-02-01";
    }
    return ev;
}

std::string parse_error(const json& ev) {
    try {
        parse_event(ev, "e");
    } catch (const CaseError& e) {
        return e.what();
    }
    return "";
}

std::shared_ptr<const Messages> en() { return Messages::load(SEJOUR61_TEST_RULES_DIR, "en"); }

using Flags = std::vector<std::pair<std::string, std::string>>;

std::string guided_error(const Flags& flags) {
    try {
        guided_event(flags, *en());
    } catch (const InvalidEvent& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST(EventSpec, TheTableIsTheParsersFormat) {
    ASSERT_EQ(event_specs().size(), 14u);
    for (size_t i = 0; i < event_specs().size(); ++i) {
        const EventSpec& s = event_specs()[i];
        SCOPED_TRACE(event_type_name(s.type));
        EXPECT_EQ(static_cast<size_t>(s.type), i);
        const json ev = complete(s);
        EXPECT_EQ(parse_error(ev), "");
        for (const auto& f : s.fields) {
            json without = ev;
            without.erase(f.name);
            if (f.required) EXPECT_EQ(parse_error(without), std::string("e.") + f.name + ": is required");
            else EXPECT_EQ(parse_error(without), "");
            if (f.kind != FieldKind::choice) continue;
            for (const auto& v : f.values) {
                json with = ev;
                with[f.name] = v.value;
                if (std::string(v.value) == "judgment") with["favourable"] = true;  // required with it (below)
                EXPECT_EQ(parse_error(with), "") << v.value;
            }
            json wrong = ev;
            wrong[f.name] = "nope";
            EXPECT_NE(parse_error(wrong).find(std::string("e.") + f.name + ": is not one of: "), std::string::npos);
        }
        json extra = ev;
        extra["note"] = "x";
        EXPECT_EQ(parse_error(extra), "e.note: unknown field");
    }
    // The one field whose need depends on another: favourable, with judgment only.
    json judgment = {{"date", "2026-01-05"}, {"type", "labour_proceedings"}, {"status", "judgment"}};
    EXPECT_EQ(parse_error(judgment), "e.favourable: is required");
}

TEST(EventSpec, EveryWordMeansOneThing) {
    std::set<std::string> types;
    for (const auto& s : event_specs()) {
        EXPECT_TRUE(types.insert(event_type_name(s.type)).second);
        for (const char* a : s.aliases) EXPECT_TRUE(types.insert(normalise_word(a)).second) << a;
        for (const auto& f : s.fields) {
            std::set<std::string> words;
            for (const auto& v : f.values) {
                EXPECT_TRUE(words.insert(v.value).second) << v.value;
                for (const char* a : v.aliases) EXPECT_TRUE(words.insert(normalise_word(a)).second) << a;
            }
        }
    }
}

TEST(EventSpec, WordsAreReadWithoutCaseAccentsOrHyphens) {
    EXPECT_EQ(normalise_word("Coopération"), "cooperation");
    EXPECT_EQ(normalise_word("CLASSEMENT sans-suite"), "classement_sans_suite");
    EXPECT_EQ(normalise_word("Identité-Établie"), "identite_etablie");
    EXPECT_EQ(normalise_word("réquisitions"), "requisitions");
    EXPECT_EQ(event_type_of_word("Coopération"), EventType::cooperation);
    EXPECT_EQ(event_type_of_word("medewerking"), EventType::cooperation);
    EXPECT_EQ(event_type_of_word("avis du parquet"), std::nullopt);  // only the listed words
    EXPECT_EQ(event_type_of_word("avis-parquet"), EventType::prosecutor_opinion);
    EXPECT_EQ(event_type_of_word("Aanwijzingen"), EventType::indications);
    EXPECT_EQ(event_type_of_word("intrekkingsgrond"), EventType::withdrawal_ground);
}

TEST(EventSpec, FlagsBuildTheEventAFileWouldHold) {
    json a = guided_event({{"--type", "coopération"}, {"--date", "2026-11-03"}, {"--form", "plainte"}}, *en());
    EXPECT_EQ(a, json::parse(R"({"type": "cooperation", "date": "2026-11-03", "form": "complaint"})"));
    json b = guided_event({{"--type", "advies_parket"}, {"--date", "2026-04-02"}, {"--authority", "arbeidsauditeur"},
                           {"--victim", "ja"}, {"--proceedings-ongoing", "Oui"}, {"--cooperating", "nee"},
                           {"--qualification-clear", "false"}},
                          *en());
    EXPECT_EQ(b, json::parse(R"({"type": "prosecutor_opinion", "date": "2026-04-02", "by": "labour_auditor",
                                 "victim": true, "proceedings_ongoing": true, "cooperating": false,
                                 "qualification_clear": false})"));
    json c = guided_event({{"--type", "fin-poursuites"}, {"--date", "2026-06-01"}, {"--outcome", "Classement sans suite"}},
                          *en());
    EXPECT_EQ(c["outcome"], "dismissed");
    json d = guided_event({{"--type", "document_delivre"}, {"--date", "2026-06-01"}, {"--document", "bijlage-15"},
                           {"--expires", "2026-07-16"}},
                          *en());
    EXPECT_EQ(d, json::parse(R"({"type": "document_issued", "date": "2026-06-01", "document": "annex15",
                                 "expires": "2026-07-16"})"));
    // Dates and text are passed as typed: the parser judges them.
    json e = guided_event({{"--type", "centre_contact"}, {"--date", "2026-02-30"}, {"--centre", "Sürya"}}, *en());
    EXPECT_EQ(e["date"], "2026-02-30");
    EXPECT_EQ(e["centre"], "Sürya");
}

TEST(EventSpec, ABadFlagOrValueIsNamed) {
    EXPECT_EQ(guided_error({{"--type", "cooperation"}, {"--date", "2026-11-03"}, {"--form", "plaint"}}),
              "--form: \"plaint\" is not one of: complaint (plainte, klacht), statement (déclaration, verklaring)");
    EXPECT_EQ(guided_error({{"--type", "requisitions"}, {"--teh-charge", "maybe"}}),
              "--teh-charge: \"maybe\" is not yes or no (yes/no, oui/non, ja/nee, true/false)");
    EXPECT_EQ(guided_error({{"--type", "indications"}, {"--form", "complaint"}}),
              "--form: is not a field of the event type indications (its flags: --date, --authority)");
    EXPECT_EQ(guided_error({{"--date", "2026-11-03"}}).rfind("--type: is required", 0), 0u);
    EXPECT_EQ(guided_error({{"--type", "plainte"}}).rfind("--type: \"plainte\" is not an event type", 0), 0u);
    EXPECT_EQ(guided_error({{"--type", "conviction"}, {"--date", "2026-11-03"}, {"--date", "2026-11-04"}}),
              "--date: is given twice");
    EXPECT_EQ(flag_of_path("event.by"), "--authority");
    EXPECT_EQ(flag_of_path("event.proceedings_ongoing"), "--proceedings-ongoing");
    EXPECT_EQ(flag_of_path("event.date"), "--date");
    EXPECT_EQ(flag_of_path("events[2]"), "events[2]");
}

TEST(EventSpec, EveryTypeAndFieldIsDescribedInEveryLanguage) {
    for (const char* lang : {"en", "fr", "nl"}) {
        SCOPED_TRACE(lang);
        auto m = Messages::load(SEJOUR61_TEST_RULES_DIR, lang);
        for (const auto& s : event_specs()) {
            const std::string t = event_type_name(s.type);
            EXPECT_TRUE(m->has("events.type." + t)) << t;
            EXPECT_TRUE(m->has("events.about." + t)) << t;
            for (const auto& f : s.fields) EXPECT_TRUE(m->has("events.field." + t + "." + f.name)) << t << "." << f.name;
        }
    }
    auto fr = Messages::load(SEJOUR61_TEST_RULES_DIR, "fr");
    const std::string text = events_text(*fr, EventType::cooperation);
    // The reader's words first (review of the fr/nl output, item 12), the others after.
    EXPECT_NE(text.find("coopération — coopération"), std::string::npos) << text;
    EXPECT_NE(text.find("--form"), std::string::npos);
    EXPECT_NE(text.find("plainte (klacht) | déclaration (verklaring)"), std::string::npos) << text;
    EXPECT_EQ(text.find("complaint"), std::string::npos) << "the English id is left to --json and the English text";
    auto en = Messages::load(SEJOUR61_TEST_RULES_DIR, "en");
    EXPECT_NE(events_text(*en, EventType::cooperation).find("complaint (plainte, klacht) | statement (déclaration, verklaring)"),
              std::string::npos);
    auto nl = Messages::load(SEJOUR61_TEST_RULES_DIR, "nl");
    EXPECT_NE(event_flags_text(*nl).find("  aanwijzingen            --date --authority\n"), std::string::npos)
        << event_flags_text(*nl);
    EXPECT_EQ(text.find("prosecutor_opinion"), std::string::npos);  // only the type asked for
    auto doc = events_json(*fr, std::nullopt);
    EXPECT_EQ(doc["format"], "sejour61.events/1");
    EXPECT_EQ(doc["types"].size(), 14u);
    EXPECT_EQ(doc["types"][3]["fields"][4]["name"], "qualification_clear");
    EXPECT_EQ(doc["types"][3]["fields"][4]["default"], true);
}

// Every word shown first to a French or Dutch reader is one the parser accepts
// for that type or value (review of the fr/nl output, item 12).
TEST(EventSpec, TheReadersWordsAreAccepted) {
    for (const char* lang : {"fr", "nl"}) {
        SCOPED_TRACE(lang);
        for (const auto& s : event_specs()) {
            const std::string t = event_type_name(s.type);
            const std::string w = reader_word(t, lang);
            ASSERT_FALSE(w.empty()) << t;
            EXPECT_EQ(event_type_of_word(w), s.type) << w;
            for (const auto& f : s.fields)
                for (const auto& v : f.values) {
                    const std::string vw = reader_word(std::string(f.name) + "." + v.value, lang);
                    ASSERT_FALSE(vw.empty()) << f.name << "." << v.value;
                    bool accepted = normalise_word(vw) == v.value;
                    for (const char* a : v.aliases) accepted = accepted || normalise_word(vw) == normalise_word(a);
                    EXPECT_TRUE(accepted) << vw;
                }
        }
    }
    EXPECT_EQ(reader_word("cooperation", "en"), "");
}
