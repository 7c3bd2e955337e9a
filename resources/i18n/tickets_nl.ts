<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl" sourcelanguage="en">
<context>
    <name>tickets</name>
    <message>
        <source>ADDED:</source>
        <translation>TOEGEVOEGD:</translation>
    </message>
    <message>
        <source>ALCOHOL: ID CHECK</source>
        <translation>ALCOHOL: ID CONTROLEREN</translation>
    </message>
    <message>
        <source>ALLERGENS: {allergens}</source>
        <translation>ALLERGENEN: {allergens}</translation>
    </message>
    <message>
        <source>ALLERGY: {note}</source>
        <translation>ALLERGIE: {note}</translation>
    </message>
    <message>
        <source>ASAP</source>
        <translation>ZSM</translation>
    </message>
    <message>
        <source>BACKUP FOR {printer}</source>
        <translation>RESERVE VOOR {printer}</translation>
    </message>
    <message>
        <source>Big</source>
        <translation>Groot</translation>
    </message>
    <message>
        <source>Bold</source>
        <translation>Vet</translation>
    </message>
    <message>
        <source>CANCELLED</source>
        <translation>GEANNULEERD</translation>
    </message>
    <message>
        <source>CHANGE</source>
        <translation>WIJZIGING</translation>
    </message>
    <message>
        <source>CHANGED:</source>
        <translation>GEWIJZIGD:</translation>
    </message>
    <message>
        <source>CODE PAGE TEST</source>
        <translation>CODETABELTEST</translation>
    </message>
    <message>
        <source>CURBSIDE</source>
        <translation>AFHALEN BIJ DE AUTO</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>Kaart</translation>
    </message>
    <message>
        <source>Centered</source>
        <translation>Gecentreerd</translation>
    </message>
    <message>
        <source>Code page: {codepage}</source>
        <translation>Codetabel: {codepage}</translation>
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
        <translation>BEZORGING</translation>
    </message>
    <message>
        <source>DINE IN</source>
        <translation>TER PLAATSE</translation>
    </message>
    <message>
        <source>DRIVE THRU</source>
        <translation>DRIVE-THRU</translation>
    </message>
    <message>
        <source>Delivery fee</source>
        <translation>Bezorgkosten</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>Korting</translation>
    </message>
    <message>
        <source>Do not make:</source>
        <translation>Niet maken:</translation>
    </message>
    <message>
        <source>Does this look like the screen?</source>
        <translation>Ziet dit eruit als op het scherm?</translation>
    </message>
    <message>
        <source>Double height</source>
        <translation>Dubbele hoogte</translation>
    </message>
    <message>
        <source>Double width</source>
        <translation>Dubbele breedte</translation>
    </message>
    <message>
        <source>Due {time}</source>
        <translation>Klaar om {time}</translation>
    </message>
    <message>
        <source>If you have no #{number} {what}, reprint it from the order's card.</source>
        <translation>Mist u #{number} ({what}), herdruk het dan via de kaart van de bestelling.</translation>
    </message>
    <message>
        <source>Inverted</source>
        <translation>Omgekeerd</translation>
    </message>
    <message>
        <source>Invite friends with code {code}</source>
        <translation>Nodig vrienden uit met code {code}</translation>
    </message>
    <message>
        <source>LATE</source>
        <translation>TE LAAT</translation>
    </message>
    <message>
        <source>LATE: #{number} above was held in the printer {since}–{until} ({problem}).</source>
        <translation>TE LAAT: #{number} hierboven zat van {since} tot {until} in de printer ({problem}).</translation>
    </message>
    <message>
        <source>Loyalty</source>
        <translation>Spaarprogramma</translation>
    </message>
    <message>
        <source>NO {label}</source>
        <translation>ZONDER {label}</translation>
    </message>
    <message>
        <source>NOT PAID</source>
        <translation>NIET BETAALD</translation>
    </message>
    <message>
        <source>NOTE: {note}</source>
        <translation>OPMERKING: {note}</translation>
    </message>
    <message>
        <source>No: try the next code page.</source>
        <translation>Nee: probeer de volgende codetabel.</translation>
    </message>
    <message>
        <source>Order {id} (rev {revision})</source>
        <translation>Bestelling {id} (versie {revision})</translation>
    </message>
    <message>
        <source>PAID</source>
        <translation>BETAALD</translation>
    </message>
    <message>
        <source>PICKUP</source>
        <translation>AFHALEN</translation>
    </message>
    <message>
        <source>Paper {width} mm, {columns} columns, font {font}</source>
        <translation>Papier {width} mm, {columns} kolommen, lettertype {font}</translation>
    </message>
    <message>
        <source>Points before</source>
        <translation>Punten vooraf</translation>
    </message>
    <message>
        <source>Points earned</source>
        <translation>Punten verdiend</translation>
    </message>
    <message>
        <source>Points now</source>
        <translation>Punten nu</translation>
    </message>
    <message>
        <source>Points used</source>
        <translation>Punten gebruikt</translation>
    </message>
    <message>
        <source>Printed {time}</source>
        <translation>Geprint {time}</translation>
    </message>
    <message>
        <source>REMOVED:</source>
        <translation>VERWIJDERD:</translation>
    </message>
    <message>
        <source>REPRINT</source>
        <translation>HERDRUK</translation>
    </message>
    <message>
        <source>Reason: {reason}</source>
        <translation>Reden: {reason}</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>Rechts</translation>
    </message>
    <message>
        <source>Seat {seat}</source>
        <translation>Stoel {seat}</translation>
    </message>
    <message>
        <source>Start {time}</source>
        <translation>Start {time}</translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation>Subtotaal</translation>
    </message>
    <message>
        <source>TEST ORDER</source>
        <translation>TESTBESTELLING</translation>
    </message>
    <message>
        <source>TEST PAGE</source>
        <translation>TESTPAGINA</translation>
    </message>
    <message>
        <source>TOBACCO: ID CHECK</source>
        <translation>TABAK: ID CONTROLEREN</translation>
    </message>
    <message>
        <source>TOTAL</source>
        <translation>TOTAAL</translation>
    </message>
    <message>
        <source>Table {table}</source>
        <translation>Tafel {table}</translation>
    </message>
    <message>
        <source>Thank you!</source>
        <translation>Bedankt!</translation>
    </message>
    <message>
        <source>The order was changed.</source>
        <translation>De bestelling is gewijzigd.</translation>
    </message>
    <message>
        <source>Tip</source>
        <translation>Fooi</translation>
    </message>
    <message>
        <source>VOID</source>
        <translation>VERVALLEN</translation>
    </message>
    <message>
        <source>Wallet before</source>
        <translation>Tegoed vooraf</translation>
    </message>
    <message>
        <source>Wallet now</source>
        <translation>Tegoed nu</translation>
    </message>
    <message>
        <source>Yes: keep {codepage}.</source>
        <translation>Ja: {codepage} behouden.</translation>
    </message>
    <message>
        <source>change slip</source>
        <translation>wijzigingsbon</translation>
    </message>
    <message>
        <source>cover open</source>
        <translation>klep open</translation>
    </message>
    <message>
        <source>error</source>
        <translation>fout</translation>
    </message>
    <message>
        <source>incl. tax</source>
        <translation>incl. btw</translation>
    </message>
    <message>
        <source>it answers again</source>
        <translation>hij weer antwoordt</translation>
    </message>
    <message>
        <source>it is back online</source>
        <translation>hij weer online is</translation>
    </message>
    <message>
        <source>it works again</source>
        <translation>hij weer werkt</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>geen antwoord</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>offline</translation>
    </message>
    <message>
        <source>paper low</source>
        <translation>papier bijna op</translation>
    </message>
    <message>
        <source>paper out</source>
        <translation>papier op</translation>
    </message>
    <message>
        <source>the cover is closed</source>
        <translation>de klep dicht is</translation>
    </message>
    <message>
        <source>the paper is refilled</source>
        <translation>er nieuw papier in zit</translation>
    </message>
    <message>
        <source>void slip</source>
        <translation>annuleringsbon</translation>
    </message>
    <message>
        <source>{guests} guests</source>
        <translation>{guests} gasten</translation>
    </message>
    <message>
        <source>{name}: not checked yet</source>
        <translation>{name}: nog niet gecontroleerd</translation>
    </message>
    <message>
        <source>{name}: ready</source>
        <translation>{name}: gereed</translation>
    </message>
    <message>
        <source>{name}: sent, not confirmed (printer gives no status)</source>
        <translation>{name}: verstuurd, niet bevestigd (printer geeft geen status)</translation>
    </message>
    <message>
        <source>{name}: {problem}</source>
        <translation>{name}: {problem}</translation>
    </message>
    <message>
        <source>{name}: {problem} since {time}</source>
        <translation>{name}: {problem} sinds {time}</translation>
    </message>
    <message>
        <source>{n} ticket</source>
        <translation>{n} bon</translation>
    </message>
    <message>
        <source>{n} tickets</source>
        <translation>{n} bonnen</translation>
    </message>
    <message>
        <source>{printer} holds #{number} until {until}</source>
        <translation>{printer} houdt #{number} vast tot {until}</translation>
    </message>
    <message>
        <source>{template} ticket</source>
        <translation>{template}-bon</translation>
    </message>
    <message>
        <source>{text} (going to {backup})</source>
        <translation>{text} (gaat naar {backup})</translation>
    </message>
    <message>
        <source>{text}, {tickets} waiting</source>
        <translation>{text}, {tickets} wachtend</translation>
    </message>
    <message>
        <source>{text}; {tickets} could not be laid out (see the log)</source>
        <translation>{text}; {tickets} konden niet worden opgemaakt (zie logboek)</translation>
    </message>
</context>
</TS>
