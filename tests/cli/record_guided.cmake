# Guided entry, amend, undo, history and events, as a caseworker types them
# (issue 12). Included by cli_test.cmake (expect(), SEJOUR61, EX).
set(G "${CMAKE_CURRENT_BINARY_DIR}/guided")
file(REMOVE_RECURSE "${G}")
file(MAKE_DIRECTORY "${G}")

# The event of a case file after `record`, without its "recorded" stamp.
function(event_of file index out)
  file(READ "${file}" text)
  string(JSON ev GET "${text}" events ${index})
  string(JSON ev REMOVE "${ev}" recorded)
  set(${out} "${ev}" PARENT_SCOPE)
endfunction()

# The same event by the JSON route and by flags (aliases in French, Dutch and English),
# each on a fresh copy of the example: the 4th event of the file, field by field the same.
function(same_event name json)
  configure_file("${EX}" "${G}/${name}-json.json" COPYONLY)
  configure_file("${EX}" "${G}/${name}-flags.json" COPYONLY)
  file(WRITE "${G}/${name}-event.json" "${json}")
  execute_process(COMMAND ${SEJOUR61} record "${G}/${name}-json.json" "${G}/${name}-event.json" RESULT_VARIABLE a ERROR_VARIABLE ea OUTPUT_QUIET)
  execute_process(COMMAND ${SEJOUR61} record "${G}/${name}-flags.json" ${ARGN} RESULT_VARIABLE b ERROR_VARIABLE eb OUTPUT_QUIET)
  if(NOT a EQUAL 0 OR NOT b EQUAL 0)
    message(SEND_ERROR "guided ${name}: exit ${a} / ${b}\n${ea}${eb}")
    return()
  endif()
  event_of("${G}/${name}-json.json" 3 from_json)
  event_of("${G}/${name}-flags.json" 3 from_flags)
  string(JSON same EQUAL "${from_json}" "${from_flags}")
  if(NOT same)
    message(SEND_ERROR "guided ${name}: the JSON route wrote ${from_json}, the flags ${from_flags}")
  endif()
endfunction()

same_event(cooperation-fr "{\"date\": \"2026-02-15\", \"type\": \"cooperation\", \"form\": \"complaint\"}"
           --type coopération --date 2026-02-15 --form plainte)
same_event(cooperation-nl "{\"date\": \"2026-02-15\", \"type\": \"cooperation\", \"form\": \"statement\"}"
           --type medewerking --date 2026-02-15 --form verklaring)
same_event(statement-fr "{\"date\": \"2026-02-15\", \"type\": \"cooperation\", \"form\": \"statement\"}"
           --type Coopération --date 2026-02-15 --form Déclaration)
same_event(identity-fr "{\"date\": \"2026-02-15\", \"type\": \"identity_established\"}"
           --type identité-établie --date 2026-02-15)
same_event(identity-nl "{\"date\": \"2026-02-15\", \"type\": \"identity_established\"}"
           --type identiteit_vastgesteld --date 2026-02-15)
same_event(opinion-nl "{\"date\": \"2026-03-15\", \"type\": \"prosecutor_opinion\", \"by\": \"labour_auditor\", \"victim\": true, \"proceedings_ongoing\": true, \"cooperating\": false, \"qualification_clear\": false}"
           --type advies-parket --date 2026-03-15 --authority arbeidsauditeur --victim ja --proceedings-ongoing ja --cooperating nee --qualification-clear nee)
same_event(opinion-fr "{\"date\": \"2026-03-15\", \"type\": \"prosecutor_opinion\", \"by\": \"prosecutor\", \"victim\": true, \"proceedings_ongoing\": false, \"cooperating\": true}"
           --type avis_parquet --date 2026-03-15 --authority parquet --victim oui --proceedings-ongoing non --cooperating oui)
same_event(ground-fr "{\"date\": \"2026-03-15\", \"type\": \"withdrawal_ground\", \"ground\": \"public_order\"}"
           --type motif-retrait --date 2026-03-15 --ground "ordre public")
same_event(ground-nl "{\"date\": \"2026-03-15\", \"type\": \"withdrawal_ground\", \"ground\": \"cooperation_stopped\"}"
           --type intrekkingsgrond --date 2026-03-15 --ground medewerking_stopgezet)
same_event(ended-fr "{\"date\": \"2026-03-15\", \"type\": \"proceedings_ended\", \"outcome\": \"dismissed\"}"
           --type fin_poursuites --date 2026-03-15 --outcome "classement sans suite")
same_event(ended-nl "{\"date\": \"2026-03-15\", \"type\": \"proceedings_ended\", \"outcome\": \"acquitted\"}"
           --type einde_vervolging --date 2026-03-15 --outcome vrijspraak)
same_event(requisitions-nl "{\"date\": \"2026-03-15\", \"type\": \"requisitions\", \"teh_charge\": true}"
           --type vorderingen --date 2026-03-15 --teh-charge ja)
same_event(conviction-fr "{\"date\": \"2026-03-15\", \"type\": \"conviction\", \"final\": true}"
           --type condamnation --date 2026-03-15 --final oui)
same_event(document-nl "{\"date\": \"2026-03-15\", \"type\": \"document_issued\", \"document\": \"ai\", \"expires\": \"2026-05-01\"}"
           --type document_afgegeven --date 2026-03-15 --document attest-immatriculatie --expires 2026-05-01)
same_event(left-fr "{\"date\": \"2026-03-15\", \"type\": \"left_procedure\", \"reason\": \"retour volontaire\"}"
           --type sortie-procédure --date 2026-03-15 --reason "retour volontaire")

# A bad flag or value is named; nothing is written.
configure_file("${EX}" "${G}/bad.json" COPYONLY)
expect(guided-bad-value 1 "--form: \"plaint\" is not one of: complaint (plainte, klacht)" ${SEJOUR61} record "${G}/bad.json" --type cooperation --date 2026-02-15 --form plaint)
expect(guided-bad-value-fr 1 "--form : « plaint » n'est pas l'une des valeurs admises" ${SEJOUR61} record "${G}/bad.json" --type cooperation --date 2026-02-15 --form plaint --lang fr)
expect(guided-bad-yes-no 1 "--victim: \"peut-être\" is not yes or no" ${SEJOUR61} record "${G}/bad.json" --type avis_parquet --date 2026-03-15 --authority parquet --victim peut-être --proceedings-ongoing oui --cooperating oui)
expect(guided-missing 1 "--cooperating: is required" ${SEJOUR61} record "${G}/bad.json" --type avis_parquet --date 2026-03-15 --authority parquet --victim oui --proceedings-ongoing oui)
expect(guided-bad-date 1 "--date: \"2026-02-30\" is not a calendar date" ${SEJOUR61} record "${G}/bad.json" --type identity_established --date 2026-02-30)
expect(guided-wrong-flag 1 "--form: is not a field of the event type indications" ${SEJOUR61} record "${G}/bad.json" --type indices --date 2026-02-15 --form plainte)
expect(guided-unknown-type 1 "--type: \"klacht\" is not an event type" ${SEJOUR61} record "${G}/bad.json" --type klacht --date 2026-02-15)
expect(guided-future 1 "refused (R-ASOF)" ${SEJOUR61} record "${G}/bad.json" --type identity_established --date 2199-01-01)
# Errors and refusals in the reader's language (the words test reads them all).
expect(guided-future-fr 1 "refusé (R-ASOF) : événement : le 1er janvier 2199 est postérieur à aujourd'hui" ${SEJOUR61} record "${G}/bad.json" --type identité_établie --date 2199-01-01 --lang fr)
expect(guided-bad-date-nl 1 "--date: ‘2026-02-30’ is geen kalenderdatum" ${SEJOUR61} record "${G}/bad.json" --type identiteit_vastgesteld --date 2026-02-30 --lang nl)

# A new case by flags: created 0600, never over a file, errors named by flag.
file(REMOVE "${G}/new.json")
expect(init-fr 0 "dossier BXL-2026-0100 ouvert" ${SEJOUR61} init "${G}/new.json" --id BXL-2026-0100 --birth-date 2001-05-14 --nationality ng --offence traite --oe-file 9876543 --lang fr)
file(READ "${G}/new.json" new_case)
string(JSON nat GET "${new_case}" person nationality)
string(JSON off GET "${new_case}" offence type)
string(JSON oe GET "${new_case}" references oe_file)
string(JSON nev LENGTH "${new_case}" events)
if(NOT nat STREQUAL "NG" OR NOT off STREQUAL "trafficking" OR NOT oe STREQUAL "9876543" OR NOT nev EQUAL 0)
  message(SEND_ERROR "init wrote ${new_case}")
endif()
expect(init-exists 1 "${G}/new.json already exists: init opens a new case" ${SEJOUR61} init "${G}/new.json" --id X --birth-date 2001-05-14 --nationality NG --offence smuggling --aggravating 1)
file(READ "${G}/new.json" again)
if(NOT again STREQUAL new_case)
  message(SEND_ERROR "a refused init changed the case file")
endif()
expect(init-bad-date-fr 1 "--birth-date : « 2001-02-30 » n'est pas une date du calendrier" ${SEJOUR61} init "${G}/x.json" --id X --birth-date 2001-02-30 --nationality NG --offence trafic --aggravating 1 --lang fr)
expect(init-circumstance 1 "--aggravating: 7 is not a circumstance of art. 77quater" ${SEJOUR61} init "${G}/x.json" --id X --birth-date 2001-02-03 --nationality NG --offence smuggling --aggravating 7)
expect(init-required-nl 1 "--offence: is verplicht om een dossier te openen" ${SEJOUR61} init "${G}/x.json" --id X --birth-date 2001-02-03 --nationality NG --lang nl)
expect(init-elsewhere 2 "--notes goes with the init command" ${SEJOUR61} status "${G}/new.json" --notes x)
if(EXISTS "${G}/x.json")
  message(SEND_ERROR "a refused init left ${G}/x.json")
endif()
expect(guided-both 2 "not both" ${SEJOUR61} record "${G}/bad.json" "${G}/cooperation-fr-event.json" --type identity_established --date 2026-02-15)
expect(guided-elsewhere 2 "--form goes with the record command" ${SEJOUR61} status "${EX}" --form plainte)
file(READ "${EX}" ex_text)
file(READ "${G}/bad.json" bad_text)
if(NOT ex_text STREQUAL bad_text OR EXISTS "${G}/bad.json.journal")
  message(SEND_ERROR "a refused guided entry changed the case file or wrote a journal")
endif()

# record --help, events, history.
expect(record-help 0 "sejour61 record CASE --amend N" ${SEJOUR61} record --help)
expect(record-help-fr 0 "supprime le dernier événement enregistré par record" ${SEJOUR61} record --help --lang fr)
expect(record-help-types 0 "prosecutor_opinion      --date --authority --victim --proceedings-ongoing --cooperating [--qualification-clear]" ${SEJOUR61} record --help)
expect(events-nl 0 "--form                  verplicht; klacht (plainte) | verklaring (déclaration)" ${SEJOUR61} events medewerking --lang nl)
expect(events-fr 0 "la réponse du procureur du Roi (ou de l'auditeur du travail) à l'Office des étrangers (OE)" ${SEJOUR61} events --lang fr)
expect(events-json 0 "\"flag\": \"--proceedings-ongoing\"" ${SEJOUR61} events avis-parquet --json)
expect(events-unknown 2 "\"frobnicate\" is not an event type" ${SEJOUR61} events frobnicate)

configure_file("${EX}" "${G}/hist.json" COPYONLY)
expect(history-empty 0 "0 change(s)" ${SEJOUR61} history "${G}/hist.json")
expect(hist-add 0 "recorded by greffe on " ${SEJOUR61} record "${G}/hist.json" --type identity_established --date 2026-02-15 --by greffe)
expect(hist-amend 0 "event 4 replaced (now event 4)" ${SEJOUR61} record "${G}/hist.json" --amend 4 --type identity_established --date 2026-02-16 --by parquet)
expect(hist-undo 0 "event 4 removed" ${SEJOUR61} record "${G}/hist.json" --undo --by oe)
expect(history-text 0 "parquet: event 4 amended (now event 4)" ${SEJOUR61} history "${G}/hist.json")
expect(history-nl 0 "oe: gebeurtenis 4 verwijderd (ongedaan gemaakt)" ${SEJOUR61} history "${G}/hist.json" --lang nl)
expect(history-json 0 "\"format\": \"sejour61.history/1\"" ${SEJOUR61} history "${G}/hist.json" --json)
file(READ "${G}/hist.json.journal" jtext)
string(REGEX MATCHALL "\n" newlines "${jtext}")
list(LENGTH newlines n)
if(NOT n EQUAL 3)
  message(SEND_ERROR "the journal has ${n} lines, not one per change (3)")
endif()
file(READ "${G}/hist.json" htext)
if(NOT htext STREQUAL ex_text)
  # The case is back to the example's events (add, amend, undo), rewritten by record.
  string(JSON nev LENGTH "${htext}" events)
  if(NOT nev EQUAL 5)
    message(SEND_ERROR "after add, amend and undo the case has ${nev} events, not 5")
  endif()
endif()
