#include "sejour61/event_spec.hpp"
#include "sejour61/record.hpp"

#include <algorithm>
#include <cstring>

namespace sejour61 {

using nlohmann::json;
using ojson = nlohmann::ordered_json;

namespace {

FieldSpec choice(const char* name, const char* flag, std::vector<ValueSpec> values) {
    return {name, flag, FieldKind::choice, true, std::move(values), nullptr};
}
FieldSpec yes_no(const char* name, const char* flag, const char* dflt = nullptr) {
    return {name, flag, FieldKind::boolean, dflt == nullptr, {}, dflt};
}

}  // namespace

// layout: table
const std::vector<EventSpec>& event_specs() {
    // Aliases are written as a caseworker writes them and compared normalised
    // (normalise_word): "Coopération", "contact-centre", "classement sans suite".
    static const std::vector<EventSpec> specs = {
        {EventType::indications, {"indices", "aanwijzingen"},
         {choice("by", "--authority", {{"police", {"politie"}}, {"inspection", {"inspectie"}}})}},
        {EventType::centre_contact, {"contact_centre", "contact_centrum"},
         {{"centre", "--centre", FieldKind::text, true, {}, nullptr}}},
        {EventType::cooperation, {"medewerking"},
         {choice("form", "--form", {{"complaint", {"plainte", "klacht"}}, {"statement", {"déclaration", "verklaring"}}})}},
        {EventType::prosecutor_opinion, {"avis_parquet", "advies_parket"},
         {choice("by", "--authority", {{"prosecutor", {"procureur", "parquet", "parket"}},
                                       {"labour_auditor", {"auditeur_du_travail", "auditorat", "arbeidsauditeur",
                                                           "arbeidsauditoraat"}}}),
          yes_no("victim", "--victim"), yes_no("proceedings_ongoing", "--proceedings-ongoing"),
          yes_no("cooperating", "--cooperating"), yes_no("qualification_clear", "--qualification-clear", "true")}},
        {EventType::identity_established, {"identité_établie", "identiteit_vastgesteld"}, {}},
        {EventType::withdrawal_ground, {"motif_retrait", "intrekkingsgrond"},
         {choice("ground", "--ground",
                 {{"contact_renewed", {"contact_renoué", "contact_hersteld"}},
                  {"public_order", {"ordre_public", "openbare_orde"}},
                  {"fraud", {"fraude"}},
                  {"cooperation_stopped", {"coopération_arrêtée", "medewerking_stopgezet"}},
                  {"accompaniment_ended", {"accompagnement_arrêté", "begeleiding_stopgezet"}}})}},
        {EventType::proceedings_ended, {"fin_poursuites", "einde_vervolging"},
         {choice("outcome", "--outcome",
                 {{"dismissed", {"classement_sans_suite", "seponering"}},
                  {"acquitted", {"acquittement", "vrijspraak"}},
                  {"immunity", {"immunité", "immuniteit"}}})}},
        {EventType::requisitions, {"vorderingen"}, {yes_no("teh_charge", "--teh-charge")}},
        {EventType::conviction, {"condamnation", "veroordeling"}, {yes_no("final", "--final", "false")}},
        {EventType::indefinite_decision, {"décision_séjour_illimité", "beslissing_onbeperkt_verblijf"},
         {yes_no("granted", "--granted")}},
        {EventType::document_issued, {"document_délivré", "document_afgegeven"},
         {choice("document", "--document",
                 {{"oqt45", {"annexe_13", "bijlage_13"}},
                  {"annex15", {"annexe_15", "bijlage_15"}},
                  {"ai", {"attestation_immatriculation", "attest_immatriculatie"}},
                  {"a_card", {"carte_a", "a_kaart"}},
                  {"b_card", {"carte_b", "b_kaart"}}}),
          {"expires", "--expires", FieldKind::date, false, {}, nullptr}}},
        {EventType::left_procedure, {"sortie_procédure", "procedure_verlaten"},
         {{"reason", "--reason", FieldKind::text, true, {}, nullptr}}},
        {EventType::labour_auditor_finding, {"constat_auditeur", "vaststelling_arbeidsauditeur"},
         {yes_no("teh", "--teh")}},
        {EventType::labour_proceedings, {"procédure_travail", "arbeidsprocedure"},
         {choice("status", "--status", {{"pending", {"en_cours", "hangende"}}, {"judgment", {"jugement", "vonnis"}}}),
          {"favourable", "--favourable", FieldKind::boolean, false, {}, nullptr}}},
    };
    return specs;
}

const EventSpec& event_spec(EventType t) { return event_specs()[static_cast<size_t>(t)]; }

// layout: table
std::string reader_word(const std::string& key, const std::string& lang) {
    // {key, French, Dutch}: each word is one the parser accepts (its id or an
    // alias above; tests/unit/test_event_spec.cpp checks it).
    static const char* const words[][3] = {
        {"indications", "indices", "aanwijzingen"},
        {"centre_contact", "contact_centre", "contact_centrum"},
        {"cooperation", "coopération", "medewerking"},
        {"prosecutor_opinion", "avis_parquet", "advies_parket"},
        {"identity_established", "identité_établie", "identiteit_vastgesteld"},
        {"withdrawal_ground", "motif_retrait", "intrekkingsgrond"},
        {"proceedings_ended", "fin_poursuites", "einde_vervolging"},
        {"requisitions", "réquisitions", "vorderingen"},
        {"conviction", "condamnation", "veroordeling"},
        {"indefinite_decision", "décision_séjour_illimité", "beslissing_onbeperkt_verblijf"},
        {"document_issued", "document_délivré", "document_afgegeven"},
        {"left_procedure", "sortie_procédure", "procedure_verlaten"},
        {"labour_auditor_finding", "constat_auditeur", "vaststelling_arbeidsauditeur"},
        {"labour_proceedings", "procédure_travail", "arbeidsprocedure"},
        {"by.police", "police", "politie"},
        {"by.inspection", "inspection", "inspectie"},
        {"by.prosecutor", "procureur", "parket"},
        {"by.labour_auditor", "auditeur_du_travail", "arbeidsauditeur"},
        {"form.complaint", "plainte", "klacht"},
        {"form.statement", "déclaration", "verklaring"},
        {"ground.contact_renewed", "contact_renoué", "contact_hersteld"},
        {"ground.public_order", "ordre_public", "openbare_orde"},
        {"ground.fraud", "fraude", "fraude"},
        {"ground.cooperation_stopped", "coopération_arrêtée", "medewerking_stopgezet"},
        {"ground.accompaniment_ended", "accompagnement_arrêté", "begeleiding_stopgezet"},
        {"outcome.dismissed", "classement_sans_suite", "seponering"},
        {"outcome.acquitted", "acquittement", "vrijspraak"},
        {"outcome.immunity", "immunité", "immuniteit"},
        {"document.oqt45", "annexe_13", "bijlage_13"},
        {"document.annex15", "annexe_15", "bijlage_15"},
        {"document.ai", "attestation_immatriculation", "attest_immatriculatie"},
        {"document.a_card", "carte_a", "a_kaart"},
        {"document.b_card", "carte_b", "b_kaart"},
        {"status.pending", "en_cours", "hangende"},
        {"status.judgment", "jugement", "vonnis"},
    };
    const int col = lang == "fr" ? 1 : lang == "nl" ? 2 : 0;
    if (col == 0) return {};
    for (const auto& w : words)
        if (key == w[0]) return w[col];
    return {};
}

std::string normalise_word(std::string_view w) {
    // U+00C0..U+00FF without their accents (× ÷ Þ þ become "_").
    static const char latin1[] = "aaaaaaaceeeeiiiidnooooo_ouuuuy_saaaaaaaceeeeiiiidnooooo_ouuuuy_y";
    std::string out;
    for (size_t i = 0; i < w.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(w[i]);
        if (c == 0xC3 && i + 1 < w.size() && (static_cast<unsigned char>(w[i + 1]) & 0xC0) == 0x80) {
            out += latin1[(static_cast<unsigned char>(w[++i]) & 0x3F)];
        } else if (c >= 'A' && c <= 'Z') {
            out += static_cast<char>(c - 'A' + 'a');
        } else if (c == '-' || c == ' ') {
            out += '_';
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

std::optional<EventType> event_type_of_word(std::string_view word) {
    const std::string w = normalise_word(word);
    for (const auto& s : event_specs()) {
        if (w == event_type_name(s.type)) return s.type;
        for (const char* a : s.aliases)
            if (w == normalise_word(a)) return s.type;
    }
    return std::nullopt;
}

bool is_event_flag(const std::string& flag) {
    if (flag == "--type" || flag == "--date") return true;
    for (const auto& s : event_specs())
        for (const auto& f : s.fields)
            if (flag == f.flag) return true;
    return false;
}

std::string flag_of_path(const std::string& path) {
    if (path.rfind("event.", 0) != 0) return path;
    const std::string field = path.substr(6, path.find_first_of(".[", 6) - 6);
    if (field == "type" || field == "date") return "--" + field;
    for (const auto& s : event_specs())
        for (const auto& f : s.fields)
            if (field == f.name) return f.flag;
    return path;
}

}  // namespace sejour61
