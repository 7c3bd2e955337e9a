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
        <source>AGE: ID CHECK</source>
        <translation>LEEFTIJD: ID CONTROLEREN</translation>
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
        <source>Fri</source>
        <translation>vr</translation>
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
        <source>Mon</source>
        <translation>ma</translation>
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
        <source>Sat</source>
        <translation>za</translation>
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
        <source>Sun</source>
        <translation>zo</translation>
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
        <source>Thu</source>
        <translation>do</translation>
    </message>
    <message>
        <source>Tip</source>
        <translation>Fooi</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>di</translation>
    </message>
    <message>
        <source>USB devices cannot be listed: {error}</source>
        <translation>USB-apparaten kunnen niet worden opgesomd: {error}</translation>
    </message>
    <message>
        <source>USB printer {ids}</source>
        <translation>USB-printer {ids}</translation>
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
        <source>Wed</source>
        <translation>wo</translation>
    </message>
    <message>
        <source>Yes: keep {codepage}.</source>
        <translation>Ja: {codepage} behouden.</translation>
    </message>
    <message>
        <source>allergens: {before} → {after}</source>
        <translation>allergenen: {before} → {after}</translation>
    </message>
    <message>
        <source>allergy note: {text}</source>
        <translation>allergie-opmerking: {text}</translation>
    </message>
    <message>
        <source>auto-recoverable error</source>
        <translation>automatisch herstelbare fout</translation>
    </message>
    <message>
        <source>autocutter error</source>
        <translation>fout in de afsnijder</translation>
    </message>
    <message>
        <source>change slip</source>
        <translation>wijzigingsbon</translation>
    </message>
    <message>
        <source>course: {before} → {after}</source>
        <translation>gang: {before} → {after}</translation>
    </message>
    <message>
        <source>cover open</source>
        <translation>klep open</translation>
    </message>
    <message>
        <source>cutlery note: {text}</source>
        <translation>opmerking bestek: {text}</translation>
    </message>
    <message>
        <source>cutlery: {before} → {after}</source>
        <translation>bestek: {before} → {after}</translation>
    </message>
    <message>
        <source>delivery address changed</source>
        <translation>bezorgadres gewijzigd</translation>
    </message>
    <message>
        <source>delivery note: {text}</source>
        <translation>bezorgopmerking: {text}</translation>
    </message>
    <message>
        <source>due: {before} → {after}</source>
        <translation>klaar om: {before} → {after}</translation>
    </message>
    <message>
        <source>error</source>
        <translation>fout</translation>
    </message>
    <message>
        <source>error ({detail})</source>
        <translation>fout ({detail})</translation>
    </message>
    <message>
        <source>error occurred</source>
        <translation>er is een fout opgetreden</translation>
    </message>
    <message>
        <source>garbled status ({answers})</source>
        <translation>onleesbare status ({answers})</translation>
    </message>
    <message>
        <source>guests: {before} → {after}</source>
        <translation>gasten: {before} → {after}</translation>
    </message>
    <message>
        <source>incl. tax</source>
        <translation>incl. btw</translation>
    </message>
    <message>
        <source>internal error (see the log)</source>
        <translation>interne fout (zie het logboek)</translation>
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
        <source>kitchen note: {text}</source>
        <translation>keukenopmerking: {text}</translation>
    </message>
    <message>
        <source>libusb-1.0 is not installed: apt-get install libusb-1.0-0</source>
        <translation>libusb-1.0 is niet geïnstalleerd: apt-get install libusb-1.0-0</translation>
    </message>
    <message>
        <source>maker and model unreadable: {error}</source>
        <translation>merk en model onleesbaar: {error}</translation>
    </message>
    <message>
        <source>name: {before} → {after}</source>
        <translation>naam: {before} → {after}</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nee</translation>
    </message>
    <message>
        <source>no USB printers found</source>
        <translation>geen USB-printers gevonden</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>geen antwoord</translation>
    </message>
    <message>
        <source>no answer to status (may still print)</source>
        <translation>geen antwoord op de statusvraag (print misschien toch)</translation>
    </message>
    <message>
        <source>no answer within {seconds:g} s (is it switched on and connected, and is the address right?)</source>
        <translation>geen antwoord binnen {seconds:g} s (staat hij aan en is hij aangesloten, en klopt het adres?)</translation>
    </message>
    <message>
        <source>no permission — add the udev rule
  {rule}
to {file}, run `{command}`, then unplug and replug the printer</source>
        <translation>geen toestemming — voeg de udev-regel
  {rule}
toe aan {file}, voer `{command}` uit en koppel de printer los en weer aan</translation>
    </message>
    <message>
        <source>no printer answered on port {port} in {range}</source>
        <translation>geen printer antwoordde op poort {port} in {range}</translation>
    </message>
    <message>
        <source>none</source>
        <translation>geen</translation>
    </message>
    <message>
        <source>none found</source>
        <translation>geen gevonden</translation>
    </message>
    <message>
        <source>not reachable: {reason}</source>
        <translation>niet bereikbaar: {reason}</translation>
    </message>
    <message>
        <source>note removed: {text}</source>
        <translation>opmerking verwijderd: {text}</translation>
    </message>
    <message>
        <source>note: {text}</source>
        <translation>opmerking: {text}</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>offline</translation>
    </message>
    <message>
        <source>order note: {text}</source>
        <translation>opmerking bestelling: {text}</translation>
    </message>
    <message>
        <source>other note: {text}</source>
        <translation>overige opmerking: {text}</translation>
    </message>
    <message>
        <source>paper being fed by the feed button</source>
        <translation>papier wordt doorgevoerd met de doorvoerknop</translation>
    </message>
    <message>
        <source>paper low</source>
        <translation>papier bijna op</translation>
    </message>
    <message>
        <source>paper near end</source>
        <translation>papier bijna op</translation>
    </message>
    <message>
        <source>paper out</source>
        <translation>papier op</translation>
    </message>
    <message>
        <source>paper roll end</source>
        <translation>papierrol op</translation>
    </message>
    <message>
        <source>prepare at: {before} → {after}</source>
        <translation>bereiden om: {before} → {after}</translation>
    </message>
    <message>
        <source>price: {before} → {after}</source>
        <translation>prijs: {before} → {after}</translation>
    </message>
    <message>
        <source>quantity {before} → {after}</source>
        <translation>aantal {before} → {after}</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>gereed</translation>
    </message>
    <message>
        <source>ready, paper low</source>
        <translation>gereed, papier bijna op</translation>
    </message>
    <message>
        <source>removed allergy note: {text}</source>
        <translation>allergie-opmerking verwijderd: {text}</translation>
    </message>
    <message>
        <source>removed cutlery note: {text}</source>
        <translation>opmerking bestek verwijderd: {text}</translation>
    </message>
    <message>
        <source>removed delivery note: {text}</source>
        <translation>bezorgopmerking verwijderd: {text}</translation>
    </message>
    <message>
        <source>removed kitchen note: {text}</source>
        <translation>keukenopmerking verwijderd: {text}</translation>
    </message>
    <message>
        <source>removed order note: {text}</source>
        <translation>opmerking bestelling verwijderd: {text}</translation>
    </message>
    <message>
        <source>removed other note: {text}</source>
        <translation>overige opmerking verwijderd: {text}</translation>
    </message>
    <message>
        <source>restriction removed: {text}</source>
        <translation>beperking verwijderd: {text}</translation>
    </message>
    <message>
        <source>restriction: {text}</source>
        <translation>beperking: {text}</translation>
    </message>
    <message>
        <source>scan cancelled after {scanned} of {total} addresses: {found}</source>
        <translation>zoeken afgebroken na {scanned} van {total} adressen: {found}</translation>
    </message>
    <message>
        <source>scheduled</source>
        <translation>gepland</translation>
    </message>
    <message>
        <source>seat: {before} → {after}</source>
        <translation>stoel: {before} → {after}</translation>
    </message>
    <message>
        <source>stopped at paper end</source>
        <translation>gestopt aan het einde van het papier</translation>
    </message>
    <message>
        <source>table: {before} → {after}</source>
        <translation>tafel: {before} → {after}</translation>
    </message>
    <message>
        <source>the connection was refused (is the port right? printers use 9100)</source>
        <translation>de verbinding werd geweigerd (klopt de poort? printers gebruiken 9100)</translation>
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
        <source>type e.g. 192.168.1.0/24 or 192.168.1.20-192.168.1.80</source>
        <translation>typ bijv. 192.168.1.0/24 of 192.168.1.20-192.168.1.80</translation>
    </message>
    <message>
        <source>type: {before} → {after}</source>
        <translation>soort: {before} → {after}</translation>
    </message>
    <message>
        <source>unknown printer model {name!r} (the models: {known})</source>
        <translation>onbekend printermodel {name!r} (de modellen: {known})</translation>
    </message>
    <message>
        <source>unrecoverable error</source>
        <translation>onherstelbare fout</translation>
    </message>
    <message>
        <source>variant: {before} → {after}</source>
        <translation>variant: {before} → {after}</translation>
    </message>
    <message>
        <source>void slip</source>
        <translation>annuleringsbon</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>{address!r} is not a printer address: type its IP address or host name, e.g. 192.168.1.50 or 192.168.1.50:9100</source>
        <translation>{address!r} is geen printeradres: typ het IP-adres of de hostnaam, bijv. 192.168.1.50 of 192.168.1.50:9100</translation>
    </message>
    <message>
        <source>{address!r} is not an address: write [IPv6]:port</source>
        <translation>{address!r} is geen adres: schrijf [IPv6]:poort</translation>
    </message>
    <message>
        <source>{address!r}: the port must be a number from 1 to 65535, not {port!r}</source>
        <translation>{address!r}: de poort moet een getal van 1 tot 65535 zijn, niet {port!r}</translation>
    </message>
    <message>
        <source>{address}: {state}</source>
        <translation>{address}: {state}</translation>
    </message>
    <message>
        <source>{found} on port {port} in {range}</source>
        <translation>{found} op poort {port} in {range}</translation>
    </message>
    <message>
        <source>{guests} guests</source>
        <translation>{guests} gasten</translation>
    </message>
    <message>
        <source>{host!r} is not a known host name or IP address</source>
        <translation>{host!r} is geen bekende hostnaam of IP-adres</translation>
    </message>
    <message>
        <source>{model} (any ESC/POS printer)</source>
        <translation>{model} (elke ESC/POS-printer)</translation>
    </message>
    <message>
        <source>{model} — {mm} mm, {columns} columns</source>
        <translation>{model} — {mm} mm, {columns} kolommen</translation>
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
        <source>{n} USB printer found</source>
        <translation>{n} USB-printer gevonden</translation>
    </message>
    <message>
        <source>{n} USB printers found</source>
        <translation>{n} USB-printers gevonden</translation>
    </message>
    <message>
        <source>{n} printer found</source>
        <translation>{n} printer gevonden</translation>
    </message>
    <message>
        <source>{n} printers found</source>
        <translation>{n} printers gevonden</translation>
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
        <source>{printer} ({detail})</source>
        <translation>{printer} ({detail})</translation>
    </message>
    <message>
        <source>{printer} holds #{number} until {until}</source>
        <translation>{printer} houdt #{number} vast tot {until}</translation>
    </message>
    <message>
        <source>{printer}: {problem}</source>
        <translation>{printer}: {problem}</translation>
    </message>
    <message>
        <source>{template} ticket</source>
        <translation>{template}-bon</translation>
    </message>
    <message>
        <source>{text!r} has {count} addresses; a scan covers at most {most}: type the printers' part of the network, e.g. 192.168.1.0/24</source>
        <translation>{text!r} heeft {count} adressen; een zoekactie beslaat hoogstens {most}: typ het deel van het netwerk met de printers, bijv. 192.168.1.0/24</translation>
    </message>
    <message>
        <source>{text!r} is not an address range: {example}</source>
        <translation>{text!r} is geen adresbereik: {example}</translation>
    </message>
    <message>
        <source>{text!r}: both ends must be IPv4 or both IPv6</source>
        <translation>{text!r}: beide uiteinden moeten IPv4 of beide IPv6 zijn</translation>
    </message>
    <message>
        <source>{text!r}: the range ends before it starts</source>
        <translation>{text!r}: het bereik eindigt voordat het begint</translation>
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
    <message>
        <source>{title} — usb {ids}</source>
        <translation>{title} — USB {ids}</translation>
    </message>
    <message>
        <source>{title} — usb {ids}, bus {bus} device {address}</source>
        <translation>{title} — USB {ids}, bus {bus} apparaat {address}</translation>
    </message>
</context>
</TS>
