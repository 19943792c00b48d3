// Recorded documents: what was actually issued.
#include "../replay.hpp"

namespace sejour61::procedure {

// @rule R-DATE-RECORDED (procedure.md R-DATE-RECORDED): a document_issued
// event for the document held records the expiry date printed on it, which
// then is the document's last day (the computed one stays in the trace).
// Another document than the one held, an expiry before the record, or an
// expiry for an open-ended document change nothing (warnings).
void Replay::on_document_issued(const Event& e) {
    Period* cur = book_.current();
    std::string held = cur ? cur->document : std::string();
    if (!cur || held != e.document) {
        Text msg("warn.other_document", {{"document", e.document}, {"date", format_date(e.date)},
                                         {"held", held.empty() ? std::string("none") : held}});
        trace_.warn("R-DATE-RECORDED", e.date, msg, true);
        decide(e.date, "R-DATE-RECORDED", e, msg);
        return;
    }
    if (e.expires && *e.expires < e.date) {
        Text msg("warn.expiry_before_record",
                 {{"expires", format_date(*e.expires)}, {"document", e.document}, {"date", format_date(e.date)}});
        trace_.warn("R-DATE-RECORDED", e.date, msg, true);
        decide(e.date, "R-DATE-RECORDED", e, msg);
        return;
    }
    Decision& d = decide(e.date, "R-DATE-RECORDED", e, Text());
    const char* msg_id = "msg.recorded";
    std::string computed_end = cur->doc_end ? format_date(*cur->doc_end) : std::string();
    if (e.date != cur->from)
        trace_.warn("R-DATE-RECORDED", e.date,
                    Text("warn.issued_other_day",
                         {{"document", e.document}, {"date", format_date(e.date)}, {"from", format_date(cur->from)}}));
    if (e.expires) {
        if (!cur->doc_end) {
            msg_id = "msg.recorded.no_end";
            trace_.warn("R-DATE-RECORDED", e.date,
                        Text("warn.no_end", {{"document", e.document}, {"expires", format_date(*e.expires)}}), true);
        } else {
            msg_id = "msg.recorded.expiry";
            cur->doc_end = *e.expires;
            cur->until = *e.expires;
            cur->count.kind = EndCount::recorded;
            cur->recorded_on = e.date;
        }
    }
    d.text = S61_TEXT(msg_id, {{"document", e.document}, {"date", format_date(e.date)},
                               {"expires", e.expires ? format_date(*e.expires) : std::string()}, {"end", computed_end}});
}

}  // namespace sejour61::procedure
