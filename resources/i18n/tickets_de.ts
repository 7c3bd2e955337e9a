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
        <source>AGE: ID CHECK</source>
        <translation>ALTER: AUSWEIS PRÜFEN</translation>
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
        <source>Fri</source>
        <translation>Fr</translation>
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
        <source>Mon</source>
        <translation>Mo</translation>
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
        <source>Sat</source>
        <translation>Sa</translation>
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
        <source>Sun</source>
        <translation>So</translation>
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
        <source>Thu</source>
        <translation>Do</translation>
    </message>
    <message>
        <source>Tip</source>
        <translation>Trinkgeld</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>Di</translation>
    </message>
    <message>
        <source>USB devices cannot be listed: {error}</source>
        <translation>USB-Geräte können nicht aufgelistet werden: {error}</translation>
    </message>
    <message>
        <source>USB printer {ids}</source>
        <translation>USB-Drucker {ids}</translation>
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
        <source>Wed</source>
        <translation>Mi</translation>
    </message>
    <message>
        <source>Yes: keep {codepage}.</source>
        <translation>Ja: {codepage} behalten.</translation>
    </message>
    <message>
        <source>allergens: {before} → {after}</source>
        <translation>Allergene: {before} → {after}</translation>
    </message>
    <message>
        <source>allergy note: {text}</source>
        <translation>Allergie-Hinweis: {text}</translation>
    </message>
    <message>
        <source>auto-recoverable error</source>
        <translation>selbst behebbarer Fehler</translation>
    </message>
    <message>
        <source>autocutter error</source>
        <translation>Fehler am Abschneider</translation>
    </message>
    <message>
        <source>change slip</source>
        <translation>Änderungsbon</translation>
    </message>
    <message>
        <source>course: {before} → {after}</source>
        <translation>Gang: {before} → {after}</translation>
    </message>
    <message>
        <source>cover open</source>
        <translation>Deckel offen</translation>
    </message>
    <message>
        <source>cutlery note: {text}</source>
        <translation>Besteck-Hinweis: {text}</translation>
    </message>
    <message>
        <source>cutlery: {before} → {after}</source>
        <translation>Besteck: {before} → {after}</translation>
    </message>
    <message>
        <source>delivery address changed</source>
        <translation>Lieferadresse geändert</translation>
    </message>
    <message>
        <source>delivery note: {text}</source>
        <translation>Liefer-Hinweis: {text}</translation>
    </message>
    <message>
        <source>due: {before} → {after}</source>
        <translation>fällig: {before} → {after}</translation>
    </message>
    <message>
        <source>error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>error ({detail})</source>
        <translation>Fehler ({detail})</translation>
    </message>
    <message>
        <source>error occurred</source>
        <translation>Fehler aufgetreten</translation>
    </message>
    <message>
        <source>garbled status ({answers})</source>
        <translation>unleserlicher Status ({answers})</translation>
    </message>
    <message>
        <source>guests: {before} → {after}</source>
        <translation>Gäste: {before} → {after}</translation>
    </message>
    <message>
        <source>incl. tax</source>
        <translation>inkl. MwSt.</translation>
    </message>
    <message>
        <source>internal error (see the log)</source>
        <translation>interner Fehler (siehe Protokoll)</translation>
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
        <source>kitchen note: {text}</source>
        <translation>Küchen-Hinweis: {text}</translation>
    </message>
    <message>
        <source>libusb-1.0 is not installed: apt-get install libusb-1.0-0</source>
        <translation>libusb-1.0 ist nicht installiert: apt-get install libusb-1.0-0</translation>
    </message>
    <message>
        <source>maker and model unreadable: {error}</source>
        <translation>Hersteller und Modell nicht lesbar: {error}</translation>
    </message>
    <message>
        <source>name: {before} → {after}</source>
        <translation>Name: {before} → {after}</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>no USB printers found</source>
        <translation>keine USB-Drucker gefunden</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>keine Antwort</translation>
    </message>
    <message>
        <source>no answer to status (may still print)</source>
        <translation>keine Antwort auf die Statusabfrage (druckt vielleicht trotzdem)</translation>
    </message>
    <message>
        <source>no answer within {seconds:g} s (is it switched on and connected, and is the address right?)</source>
        <translation>keine Antwort innerhalb von {seconds:g} s (ist er eingeschaltet und angeschlossen, und stimmt die Adresse?)</translation>
    </message>
    <message>
        <source>no permission — add the udev rule
  {rule}
to {file}, run `{command}`, then unplug and replug the printer</source>
        <translation>keine Berechtigung — die udev-Regel
  {rule}
in {file} eintragen, `{command}` ausführen, dann den Drucker aus- und wieder einstecken</translation>
    </message>
    <message>
        <source>no printer answered on port {port} in {range}</source>
        <translation>kein Drucker hat auf Port {port} in {range} geantwortet</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>none found</source>
        <translation>keiner gefunden</translation>
    </message>
    <message>
        <source>not reachable: {reason}</source>
        <translation>nicht erreichbar: {reason}</translation>
    </message>
    <message>
        <source>note removed: {text}</source>
        <translation>Hinweis entfernt: {text}</translation>
    </message>
    <message>
        <source>note: {text}</source>
        <translation>Hinweis: {text}</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>offline</translation>
    </message>
    <message>
        <source>order note: {text}</source>
        <translation>Bestell-Hinweis: {text}</translation>
    </message>
    <message>
        <source>other note: {text}</source>
        <translation>sonstiger Hinweis: {text}</translation>
    </message>
    <message>
        <source>paper being fed by the feed button</source>
        <translation>Papiervorschub per Taste</translation>
    </message>
    <message>
        <source>paper low</source>
        <translation>Papier fast leer</translation>
    </message>
    <message>
        <source>paper near end</source>
        <translation>Papier fast zu Ende</translation>
    </message>
    <message>
        <source>paper out</source>
        <translation>Papier leer</translation>
    </message>
    <message>
        <source>paper roll end</source>
        <translation>Papierrolle zu Ende</translation>
    </message>
    <message>
        <source>prepare at: {before} → {after}</source>
        <translation>zubereiten um: {before} → {after}</translation>
    </message>
    <message>
        <source>price: {before} → {after}</source>
        <translation>Preis: {before} → {after}</translation>
    </message>
    <message>
        <source>quantity {before} → {after}</source>
        <translation>Menge {before} → {after}</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>bereit</translation>
    </message>
    <message>
        <source>ready, paper low</source>
        <translation>bereit, Papier fast leer</translation>
    </message>
    <message>
        <source>removed allergy note: {text}</source>
        <translation>Allergie-Hinweis entfernt: {text}</translation>
    </message>
    <message>
        <source>removed cutlery note: {text}</source>
        <translation>Besteck-Hinweis entfernt: {text}</translation>
    </message>
    <message>
        <source>removed delivery note: {text}</source>
        <translation>Liefer-Hinweis entfernt: {text}</translation>
    </message>
    <message>
        <source>removed kitchen note: {text}</source>
        <translation>Küchen-Hinweis entfernt: {text}</translation>
    </message>
    <message>
        <source>removed order note: {text}</source>
        <translation>Bestell-Hinweis entfernt: {text}</translation>
    </message>
    <message>
        <source>removed other note: {text}</source>
        <translation>sonstiger Hinweis entfernt: {text}</translation>
    </message>
    <message>
        <source>restriction removed: {text}</source>
        <translation>Einschränkung entfernt: {text}</translation>
    </message>
    <message>
        <source>restriction: {text}</source>
        <translation>Einschränkung: {text}</translation>
    </message>
    <message>
        <source>scan cancelled after {scanned} of {total} addresses: {found}</source>
        <translation>Suche abgebrochen nach {scanned} von {total} Adressen: {found}</translation>
    </message>
    <message>
        <source>scheduled</source>
        <translation>geplant</translation>
    </message>
    <message>
        <source>seat: {before} → {after}</source>
        <translation>Platz: {before} → {after}</translation>
    </message>
    <message>
        <source>stopped at paper end</source>
        <translation>am Papierende angehalten</translation>
    </message>
    <message>
        <source>table: {before} → {after}</source>
        <translation>Tisch: {before} → {after}</translation>
    </message>
    <message>
        <source>the connection was refused (is the port right? printers use 9100)</source>
        <translation>die Verbindung wurde abgelehnt (stimmt der Port? Drucker nutzen 9100)</translation>
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
        <source>type e.g. 192.168.1.0/24 or 192.168.1.20-192.168.1.80</source>
        <translation>z. B. 192.168.1.0/24 oder 192.168.1.20-192.168.1.80 eingeben</translation>
    </message>
    <message>
        <source>type: {before} → {after}</source>
        <translation>Art: {before} → {after}</translation>
    </message>
    <message>
        <source>unknown printer model {name!r} (the models: {known})</source>
        <translation>unbekanntes Druckermodell {name!r} (die Modelle: {known})</translation>
    </message>
    <message>
        <source>unrecoverable error</source>
        <translation>nicht behebbarer Fehler</translation>
    </message>
    <message>
        <source>variant: {before} → {after}</source>
        <translation>Variante: {before} → {after}</translation>
    </message>
    <message>
        <source>void slip</source>
        <translation>Stornobon</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>{address!r} is not a printer address: type its IP address or host name, e.g. 192.168.1.50 or 192.168.1.50:9100</source>
        <translation>{address!r} ist keine Druckeradresse: geben Sie seine IP-Adresse oder seinen Hostnamen ein, z. B. 192.168.1.50 oder 192.168.1.50:9100</translation>
    </message>
    <message>
        <source>{address!r} is not an address: write [IPv6]:port</source>
        <translation>{address!r} ist keine Adresse: schreiben Sie [IPv6]:Port</translation>
    </message>
    <message>
        <source>{address!r}: the port must be a number from 1 to 65535, not {port!r}</source>
        <translation>{address!r}: der Port muss eine Zahl von 1 bis 65535 sein, nicht {port!r}</translation>
    </message>
    <message>
        <source>{address}: {state}</source>
        <translation>{address}: {state}</translation>
    </message>
    <message>
        <source>{found} on port {port} in {range}</source>
        <translation>{found} auf Port {port} in {range}</translation>
    </message>
    <message>
        <source>{guests} guests</source>
        <translation>{guests} Gäste</translation>
    </message>
    <message>
        <source>{host!r} is not a known host name or IP address</source>
        <translation>{host!r} ist kein bekannter Hostname und keine IP-Adresse</translation>
    </message>
    <message>
        <source>{model} (any ESC/POS printer)</source>
        <translation>{model} (jeder ESC/POS-Drucker)</translation>
    </message>
    <message>
        <source>{model} — {mm} mm, {columns} columns</source>
        <translation>{model} — {mm} mm, {columns} Spalten</translation>
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
        <source>{n} USB printer found</source>
        <translation>{n} USB-Drucker gefunden</translation>
    </message>
    <message>
        <source>{n} USB printers found</source>
        <translation>{n} USB-Drucker gefunden</translation>
    </message>
    <message>
        <source>{n} printer found</source>
        <translation>{n} Drucker gefunden</translation>
    </message>
    <message>
        <source>{n} printers found</source>
        <translation>{n} Drucker gefunden</translation>
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
        <source>{printer} ({detail})</source>
        <translation>{printer} ({detail})</translation>
    </message>
    <message>
        <source>{printer} holds #{number} until {until}</source>
        <translation>{printer} hält #{number} fest, bis {until}</translation>
    </message>
    <message>
        <source>{printer}: {problem}</source>
        <translation>{printer}: {problem}</translation>
    </message>
    <message>
        <source>{template} ticket</source>
        <translation>{template}-Bon</translation>
    </message>
    <message>
        <source>{text!r} has {count} addresses; a scan covers at most {most}: type the printers' part of the network, e.g. 192.168.1.0/24</source>
        <translation>{text!r} hat {count} Adressen; eine Suche umfasst höchstens {most}: geben Sie den Teil des Netzes mit den Druckern ein, z. B. 192.168.1.0/24</translation>
    </message>
    <message>
        <source>{text!r} is not an address range: {example}</source>
        <translation>{text!r} ist kein Adressbereich: {example}</translation>
    </message>
    <message>
        <source>{text!r}: both ends must be IPv4 or both IPv6</source>
        <translation>{text!r}: beide Enden müssen IPv4 oder beide IPv6 sein</translation>
    </message>
    <message>
        <source>{text!r}: the range ends before it starts</source>
        <translation>{text!r}: der Bereich endet, bevor er beginnt</translation>
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
    <message>
        <source>{title} — usb {ids}</source>
        <translation>{title} — USB {ids}</translation>
    </message>
    <message>
        <source>{title} — usb {ids}, bus {bus} device {address}</source>
        <translation>{title} — USB {ids}, Bus {bus} Gerät {address}</translation>
    </message>
</context>
</TS>
