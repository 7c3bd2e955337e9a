<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>tickets</name>
    <message>
        <source>ADDED:</source>
        <translation>NEU:</translation>
    </message>
    <message>
        <source>ALCOHOL: ID CHECK</source>
        <translation>ALKOHOL: AUSWEIS PRÜFEN</translation>
    </message>
    <message>
        <source>ALLERGENS: {allergens}</source>
        <translation>ALLERGENE: {allergens}</translation>
    </message>
    <message>
        <source>ALLERGY: {note}</source>
        <translation>ALLERGIE: {note}</translation>
    </message>
    <message>
        <source>ASAP</source>
        <translation>SOFORT</translation>
    </message>
    <message>
        <source>BACKUP FOR {printer}</source>
        <translation>ERSATZ FÜR {printer}</translation>
    </message>
    <message>
        <source>Big</source>
        <translation>Groß</translation>
    </message>
    <message>
        <source>Bold</source>
        <translation>Fett</translation>
    </message>
    <message>
        <source>CANCELLED</source>
        <translation>STORNIERT</translation>
    </message>
    <message>
        <source>CHANGE</source>
        <translation>ÄNDERUNG</translation>
    </message>
    <message>
        <source>CHANGED:</source>
        <translation>GEÄNDERT:</translation>
    </message>
    <message>
        <source>CODE PAGE TEST</source>
        <translation>ZEICHENSATZ-TEST</translation>
    </message>
    <message>
        <source>CURBSIDE</source>
        <translation>ABHOLUNG AM AUTO</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>Karte</translation>
    </message>
    <message>
        <source>Centered</source>
        <translation>Zentriert</translation>
    </message>
    <message>
        <source>Code page: {codepage}</source>
        <translation>Zeichensatz: {codepage}</translation>
    </message>
    <message>
        <source>Code {code}</source>
        <translation>Code {code}</translation>
    </message>
    <message>
        <source>Copy {copy}/{copies}</source>
        <translation>Kopie {copy}/{copies}</translation>
    </message>
    <message>
        <source>Course {course}</source>
        <translation>Gang {course}</translation>
    </message>
    <message>
        <source>DELIVERY</source>
        <translation>LIEFERUNG</translation>
    </message>
    <message>
        <source>DINE IN</source>
        <translation>IM HAUS</translation>
    </message>
    <message>
        <source>DRIVE THRU</source>
        <translation>DRIVE-IN</translation>
    </message>
    <message>
        <source>Delivery fee</source>
        <translation>Liefergebühr</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>Rabatt</translation>
    </message>
    <message>
        <source>Do not make:</source>
        <translation>Nicht zubereiten:</translation>
    </message>
    <message>
        <source>Does this look like the screen?</source>
        <translation>Sieht das aus wie auf dem Bildschirm?</translation>
    </message>
    <message>
        <source>Double height</source>
        <translation>Doppelte Höhe</translation>
    </message>
    <message>
        <source>Double width</source>
        <translation>Doppelte Breite</translation>
    </message>
    <message>
        <source>Due {time}</source>
        <translation>Fällig {time}</translation>
    </message>
    <message>
        <source>If you have no #{number} {what}, reprint it from the order's card.</source>
        <translation>Wenn #{number} ({what}) fehlt, über die Karte der Bestellung nachdrucken.</translation>
    </message>
    <message>
        <source>Inverted</source>
        <translation>Invertiert</translation>
    </message>
    <message>
        <source>Invite friends with code {code}</source>
        <translation>Freunde einladen mit Code {code}</translation>
    </message>
    <message>
        <source>LATE</source>
        <translation>VERSPÄTET</translation>
    </message>
    <message>
        <source>LATE: #{number} above was held in the printer {since}–{until} ({problem}).</source>
        <translation>VERSPÄTET: #{number} oben lag von {since} bis {until} im Drucker ({problem}).</translation>
    </message>
    <message>
        <source>Loyalty</source>
        <translation>Treueprogramm</translation>
    </message>
    <message>
        <source>NO {label}</source>
        <translation>OHNE {label}</translation>
    </message>
    <message>
        <source>NOT PAID</source>
        <translation>NICHT BEZAHLT</translation>
    </message>
    <message>
        <source>NOTE: {note}</source>
        <translation>NOTIZ: {note}</translation>
    </message>
    <message>
        <source>No: try the next code page.</source>
        <translation>Nein: nächsten Zeichensatz probieren.</translation>
    </message>
    <message>
        <source>Order {id} (rev {revision})</source>
        <translation>Bestellung {id} (Version {revision})</translation>
    </message>
    <message>
        <source>PAID</source>
        <translation>BEZAHLT</translation>
    </message>
    <message>
        <source>PICKUP</source>
        <translation>ABHOLUNG</translation>
    </message>
    <message>
        <source>Paper {width} mm, {columns} columns, font {font}</source>
        <translation>Papier {width} mm, {columns} Spalten, Schrift {font}</translation>
    </message>
    <message>
        <source>Points before</source>
        <translation>Punkte vorher</translation>
    </message>
    <message>
        <source>Points earned</source>
        <translation>Punkte gesammelt</translation>
    </message>
    <message>
        <source>Points now</source>
        <translation>Punkte jetzt</translation>
    </message>
    <message>
        <source>Points used</source>
        <translation>Punkte eingelöst</translation>
    </message>
    <message>
        <source>Printed {time}</source>
        <translation>Gedruckt {time}</translation>
    </message>
    <message>
        <source>REMOVED:</source>
        <translation>ENTFERNT:</translation>
    </message>
    <message>
        <source>REPRINT</source>
        <translation>NACHDRUCK</translation>
    </message>
    <message>
        <source>Reason: {reason}</source>
        <translation>Grund: {reason}</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>Rechts</translation>
    </message>
    <message>
        <source>Seat {seat}</source>
        <translation>Platz {seat}</translation>
    </message>
    <message>
        <source>Start {time}</source>
        <translation>Start {time}</translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation>Zwischensumme</translation>
    </message>
    <message>
        <source>TEST ORDER</source>
        <translation>TESTBESTELLUNG</translation>
    </message>
    <message>
        <source>TEST PAGE</source>
        <translation>TESTSEITE</translation>
    </message>
    <message>
        <source>TOBACCO: ID CHECK</source>
        <translation>TABAK: AUSWEIS PRÜFEN</translation>
    </message>
    <message>
        <source>TOTAL</source>
        <translation>GESAMT</translation>
    </message>
    <message>
        <source>Table {table}</source>
        <translation>Tisch {table}</translation>
    </message>
    <message>
        <source>Thank you!</source>
        <translation>Vielen Dank!</translation>
    </message>
    <message>
        <source>The order was changed.</source>
        <translation>Die Bestellung wurde geändert.</translation>
    </message>
    <message>
        <source>Tip</source>
        <translation>Trinkgeld</translation>
    </message>
    <message>
        <source>VOID</source>
        <translation>STORNO</translation>
    </message>
    <message>
        <source>Wallet before</source>
        <translation>Guthaben vorher</translation>
    </message>
    <message>
        <source>Wallet now</source>
        <translation>Guthaben jetzt</translation>
    </message>
    <message>
        <source>Yes: keep {codepage}.</source>
        <translation>Ja: {codepage} behalten.</translation>
    </message>
    <message>
        <source>change slip</source>
        <translation>Änderungsbon</translation>
    </message>
    <message>
        <source>cover open</source>
        <translation>Deckel offen</translation>
    </message>
    <message>
        <source>error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>incl. tax</source>
        <translation>inkl. MwSt.</translation>
    </message>
    <message>
        <source>it answers again</source>
        <translation>er wieder antwortet</translation>
    </message>
    <message>
        <source>it is back online</source>
        <translation>er wieder online ist</translation>
    </message>
    <message>
        <source>it works again</source>
        <translation>er wieder funktioniert</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>keine Antwort</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>offline</translation>
    </message>
    <message>
        <source>paper low</source>
        <translation>Papier fast leer</translation>
    </message>
    <message>
        <source>paper out</source>
        <translation>Papier leer</translation>
    </message>
    <message>
        <source>the cover is closed</source>
        <translation>der Deckel geschlossen ist</translation>
    </message>
    <message>
        <source>the paper is refilled</source>
        <translation>Papier nachgefüllt ist</translation>
    </message>
    <message>
        <source>void slip</source>
        <translation>Stornobon</translation>
    </message>
    <message>
        <source>{guests} guests</source>
        <translation>{guests} Gäste</translation>
    </message>
    <message>
        <source>{name}: not checked yet</source>
        <translation>{name}: noch nicht geprüft</translation>
    </message>
    <message>
        <source>{name}: ready</source>
        <translation>{name}: bereit</translation>
    </message>
    <message>
        <source>{name}: sent, not confirmed (printer gives no status)</source>
        <translation>{name}: gesendet, nicht bestätigt (Drucker meldet keinen Status)</translation>
    </message>
    <message>
        <source>{name}: {problem}</source>
        <translation>{name}: {problem}</translation>
    </message>
    <message>
        <source>{name}: {problem} since {time}</source>
        <translation>{name}: {problem} seit {time}</translation>
    </message>
    <message>
        <source>{n} ticket</source>
        <translation>{n} Bon</translation>
    </message>
    <message>
        <source>{n} tickets</source>
        <translation>{n} Bons</translation>
    </message>
    <message>
        <source>{printer} holds #{number} until {until}</source>
        <translation>{printer} hält #{number} fest, bis {until}</translation>
    </message>
    <message>
        <source>{template} ticket</source>
        <translation>{template}-Bon</translation>
    </message>
    <message>
        <source>{text} (going to {backup})</source>
        <translation>{text} (geht an {backup})</translation>
    </message>
    <message>
        <source>{text}, {tickets} waiting</source>
        <translation>{text}, {tickets} wartend</translation>
    </message>
    <message>
        <source>{text}; {tickets} could not be laid out (see the log)</source>
        <translation>{text}; {tickets} konnten nicht gesetzt werden (siehe Protokoll)</translation>
    </message>
</context>
</TS>
