<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source>not connected to the connector</source>
        <translation>niet verbonden met de connector</translation>
    </message>
    <message>
        <source>Printer status unavailable — see log</source>
        <translation>Printerstatus niet beschikbaar — zie logboek</translation>
    </message>
    <message>
        <source>KDS cannot start</source>
        <translation>KDS kan niet starten</translation>
    </message>
    <message>
        <source>KDS stopped on an unexpected error: {error} (details in the log)</source>
        <translation>KDS is gestopt door een onverwachte fout: {error} (details in het logboek)</translation>
    </message>
    <message>
        <source>KDS stopped</source>
        <translation>KDS gestopt</translation>
    </message>
    <message>
        <source>the connector closed the connection</source>
        <translation>de connector heeft de verbinding gesloten</translation>
    </message>
    <message>
        <source>printing was taken over by another device</source>
        <translation>een ander apparaat heeft het printen overgenomen</translation>
    </message>
    <message>
        <source>the printing role moved to this device</source>
        <translation>de printrol is naar dit apparaat overgegaan</translation>
    </message>
    <message>
        <source>connection refused</source>
        <translation>verbinding geweigerd</translation>
    </message>
    <message>
        <source>connector address not found</source>
        <translation>adres van de connector niet gevonden</translation>
    </message>
    <message>
        <source>no answer from the connector</source>
        <translation>geen antwoord van de connector</translation>
    </message>
    <message>
        <source>connection lost</source>
        <translation>verbinding verbroken</translation>
    </message>
    <message>
        <source>the connector sent a message over {limit} bytes</source>
        <translation>de connector stuurde een bericht van meer dan {limit} bytes</translation>
    </message>
    <message>
        <source>connector answered HTTP {status}</source>
        <translation>connector antwoordde HTTP {status}</translation>
    </message>
    <message>
        <source>cannot store events: {error}</source>
        <translation>gebeurtenissen kunnen niet worden opgeslagen: {error}</translation>
    </message>
    <message>
        <source>internal error: {error}</source>
        <translation>interne fout: {error}</translation>
    </message>
    <message>
        <source>unreadable answer to hello: {error}</source>
        <translation>onleesbaar antwoord op hello: {error}</translation>
    </message>
    <message>
        <source>expected welcome, got {type}</source>
        <translation>welcome verwacht, {type} ontvangen</translation>
    </message>
    <message>
        <source>connector speaks protocol {connector}, this device {device}</source>
        <translation>de connector spreekt protocol {connector}, dit apparaat {device}</translation>
    </message>
    <message>
        <source>the connector&apos;s event log ends at {connector_seq} but this device already holds {device_seq}: was the connector reset? (reset this device&apos;s data or restore the connector&apos;s)</source>
        <translation>het gebeurtenislog van de connector eindigt bij {connector_seq} maar dit apparaat heeft al {device_seq}: is de connector gereset? (reset de gegevens van dit apparaat of zet die van de connector terug)</translation>
    </message>
    <message>
        <source>alcohol</source>
        <translation>alcohol</translation>
    </message>
    <message>
        <source>tobacco</source>
        <translation>tabak</translation>
    </message>
    <message>
        <source>age</source>
        <translation>leeftijd</translation>
    </message>
    <message>
        <source>NO {label}</source>
        <translation>ZONDER {label}</translation>
    </message>
    <message>
        <source>⚠ {allergens}</source>
        <translation>⚠ {allergens}</translation>
    </message>
    <message>
        <source>NEW</source>
        <translation>NIEUW</translation>
    </message>
    <message>
        <source>quantity {change}</source>
        <translation>aantal {change}</translation>
    </message>
    <message>
        <source>notes changed</source>
        <translation>notities gewijzigd</translation>
    </message>
    <message>
        <source>{station} ✓</source>
        <translation>{station} ✓</translation>
    </message>
    <message>
        <source>{station} …</source>
        <translation>{station} …</translation>
    </message>
    <message>
        <source>⚑ no station</source>
        <translation>⚑ geen station</translation>
    </message>
    <message>
        <source>REMOVED</source>
        <translation>VERWIJDERD</translation>
    </message>
    <message>
        <source>🔞 Check: {list}</source>
        <translation>🔞 Controleren: {list}</translation>
    </message>
    <message>
        <source>Pickup</source>
        <translation>Afhalen</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>Bezorging</translation>
    </message>
    <message>
        <source>Dine-in</source>
        <translation>Ter plaatse</translation>
    </message>
    <message>
        <source>Curbside</source>
        <translation>Afhalen bij de auto</translation>
    </message>
    <message>
        <source>Drive-thru</source>
        <translation>Drive-thru</translation>
    </message>
    <message>
        <source>Table {table}</source>
        <translation>Tafel {table}</translation>
    </message>
    <message>
        <source>{text} · {n} guests</source>
        <translation>{text} · {n} gasten</translation>
    </message>
    <message>
        <source>name: {before} → {after}</source>
        <translation>naam: {before} → {after}</translation>
    </message>
    <message>
        <source>quantity {before} → {after}</source>
        <translation>aantal {before} → {after}</translation>
    </message>
    <message>
        <source>variant: {before} → {after}</source>
        <translation>variant: {before} → {after}</translation>
    </message>
    <message>
        <source>allergens: {before} → {after}</source>
        <translation>allergenen: {before} → {after}</translation>
    </message>
    <message>
        <source>course: {before} → {after}</source>
        <translation>gang: {before} → {after}</translation>
    </message>
    <message>
        <source>seat: {before} → {after}</source>
        <translation>stoel: {before} → {after}</translation>
    </message>
    <message>
        <source>price: {before} → {after}</source>
        <translation>prijs: {before} → {after}</translation>
    </message>
    <message>
        <source>type: {before} → {after}</source>
        <translation>soort: {before} → {after}</translation>
    </message>
    <message>
        <source>due: {before} → {after}</source>
        <translation>klaar om: {before} → {after}</translation>
    </message>
    <message>
        <source>prepare at: {before} → {after}</source>
        <translation>bereiden om: {before} → {after}</translation>
    </message>
    <message>
        <source>table: {before} → {after}</source>
        <translation>tafel: {before} → {after}</translation>
    </message>
    <message>
        <source>guests: {before} → {after}</source>
        <translation>gasten: {before} → {after}</translation>
    </message>
    <message>
        <source>cutlery: {before} → {after}</source>
        <translation>bestek: {before} → {after}</translation>
    </message>
    <message>
        <source>note: {text}</source>
        <translation>opmerking: {text}</translation>
    </message>
    <message>
        <source>note removed: {text}</source>
        <translation>opmerking verwijderd: {text}</translation>
    </message>
    <message>
        <source>restriction: {text}</source>
        <translation>beperking: {text}</translation>
    </message>
    <message>
        <source>restriction removed: {text}</source>
        <translation>beperking verwijderd: {text}</translation>
    </message>
    <message>
        <source>order note: {text}</source>
        <translation>opmerking bestelling: {text}</translation>
    </message>
    <message>
        <source>kitchen note: {text}</source>
        <translation>keukenopmerking: {text}</translation>
    </message>
    <message>
        <source>delivery note: {text}</source>
        <translation>bezorgopmerking: {text}</translation>
    </message>
    <message>
        <source>cutlery note: {text}</source>
        <translation>opmerking bestek: {text}</translation>
    </message>
    <message>
        <source>allergy note: {text}</source>
        <translation>allergie-opmerking: {text}</translation>
    </message>
    <message>
        <source>other note: {text}</source>
        <translation>overige opmerking: {text}</translation>
    </message>
    <message>
        <source>removed order note: {text}</source>
        <translation>opmerking bestelling verwijderd: {text}</translation>
    </message>
    <message>
        <source>removed kitchen note: {text}</source>
        <translation>keukenopmerking verwijderd: {text}</translation>
    </message>
    <message>
        <source>removed delivery note: {text}</source>
        <translation>bezorgopmerking verwijderd: {text}</translation>
    </message>
    <message>
        <source>removed cutlery note: {text}</source>
        <translation>opmerking bestek verwijderd: {text}</translation>
    </message>
    <message>
        <source>removed allergy note: {text}</source>
        <translation>allergie-opmerking verwijderd: {text}</translation>
    </message>
    <message>
        <source>removed other note: {text}</source>
        <translation>overige opmerking verwijderd: {text}</translation>
    </message>
    <message>
        <source>ASAP</source>
        <translation>ZSM</translation>
    </message>
    <message>
        <source>scheduled</source>
        <translation>gepland</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nee</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>delivery address changed</source>
        <translation>bezorgadres gewijzigd</translation>
    </message>
    <message>
        <source>due {time}</source>
        <translation>klaar om {time}</translation>
    </message>
    <message>
        <source>connecting to the connector</source>
        <translation>verbinden met de connector</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>verbonden</translation>
    </message>
    <message>
        <source>reconnecting since {time} ({reason})</source>
        <translation>opnieuw verbinden sinds {time} ({reason})</translation>
    </message>
    <message>
        <source>reconnecting since {time}</source>
        <translation>opnieuw verbinden sinds {time}</translation>
    </message>
    <message>
        <source>token refused by the connector — check [connector] token in the config file</source>
        <translation>token geweigerd door de connector — controleer [connector] token in het configuratiebestand</translation>
    </message>
    <message>
        <source>protocol error: {reason}</source>
        <translation>protocolfout: {reason}</translation>
    </message>
    <message>
        <source>protocol error</source>
        <translation>protocolfout</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>gestopt</translation>
    </message>
    <message>
        <source>Not connected since {time} — new orders may be missing</source>
        <translation>Niet verbonden sinds {time} — nieuwe bestellingen kunnen ontbreken</translation>
    </message>
    <message>
        <source>Back — {n} orders caught up</source>
        <translation>Terug — {n} bestellingen ingehaald</translation>
    </message>
    <message>
        <source>Screen {name} not found (connected: {known}); showing on {primary}.</source>
        <translation>Scherm {name} niet gevonden (aangesloten: {known}); getoond op {primary}.</translation>
    </message>
    <message>
        <source>KDS — {name}</source>
        <translation>KDS — {name}</translation>
    </message>
    <message>
        <source>Take over printing</source>
        <translation>Printen overnemen</translation>
    </message>
    <message>
        <source>Stop printing here</source>
        <translation>Hier stoppen met printen</translation>
    </message>
    <message>
        <source>Connecting to the connector…</source>
        <translation>Verbinden met de connector…</translation>
    </message>
    <message>
        <source>{name} · {text}</source>
        <translation>{name} · {text}</translation>
    </message>
    <message>
        <source>Catching up — {done} of {total}</source>
        <translation>Bijwerken — {done} van {total}</translation>
    </message>
    <message>
        <source>{n} invalid message(s) from the connector — see log</source>
        <translation>{n} ongeldig(e) bericht(en) van de connector — zie logboek</translation>
    </message>
    <message>
        <source>Silence alarm</source>
        <translation>Alarm stil</translation>
    </message>
    <message>
        <source>Unexpected error: {error} — see log; restart KDS if this screen stops updating</source>
        <translation>Onverwachte fout: {error} — zie logboek; start KDS opnieuw als dit scherm niet meer bijwerkt</translation>
    </message>
    <message>
        <source>{n} unexpected errors, the last: {error} — see log; restart KDS if this screen stops updating</source>
        <translation>{n} onverwachte fouten, de laatste: {error} — zie logboek; start KDS opnieuw als dit scherm niet meer bijwerkt</translation>
    </message>
    <message>
        <source>Nothing to do for this order</source>
        <translation>Niets te doen voor deze bestelling</translation>
    </message>
    <message>
        <source>Order {number}</source>
        <translation>Bestelling {number}</translation>
    </message>
    <message>
        <source>#{number}: &apos;{label}&apos; has no printer — add a route or a default printer</source>
        <translation>#{number}: &apos;{label}&apos; heeft geen printer — voeg een route of een standaardprinter toe</translation>
    </message>
    <message>
        <source>Printer routes: {problem}</source>
        <translation>Printerroutes: {problem}</translation>
    </message>
    <message>
        <source>{printer} printer: {problem}</source>
        <translation>Printer {printer}: {problem}</translation>
    </message>
    <message>
        <source>Could not take over printing: {detail}</source>
        <translation>Printen kon niet worden overgenomen: {detail}</translation>
    </message>
    <message>
        <source>Could not stop printing here: {detail}</source>
        <translation>Printen kon hier niet worden gestopt: {detail}</translation>
    </message>
    <message>
        <source>Printing cannot start: {detail}</source>
        <translation>Printen kan niet starten: {detail}</translation>
    </message>
    <message>
        <source>Printing did not stop cleanly: {detail}</source>
        <translation>Printen is niet netjes gestopt: {detail}</translation>
    </message>
    <message>
        <source>Tickets of order #{detail} could not be queued — see the log</source>
        <translation>Bonnen van bestelling #{detail} konden niet in de wachtrij — zie logboek</translation>
    </message>
    <message>
        <source>Printing: off — this device does not print</source>
        <translation>Printen: uit — dit apparaat print niet</translation>
    </message>
    <message>
        <source>Printing: off — no printers in the settings</source>
        <translation>Printen: uit — geen printers in de instellingen</translation>
    </message>
    <message>
        <source>Printing: asking the connector…</source>
        <translation>Printen: vraag aan de connector…</translation>
    </message>
    <message>
        <source>Printing: this device ({printers})</source>
        <translation>Printen: dit apparaat ({printers})</translation>
    </message>
    <message>
        <source>Printing: starting the printers on this device…</source>
        <translation>Printen: printers van dit apparaat starten…</translation>
    </message>
    <message>
        <source>another device</source>
        <translation>een ander apparaat</translation>
    </message>
    <message>
        <source>Printing is done by {holder}; this device does not print</source>
        <translation>Er wordt geprint door {holder}; dit apparaat print niet</translation>
    </message>
    <message>
        <source>Printing: stopped on this device; no device prints until one takes over</source>
        <translation>Printen: gestopt op dit apparaat; geen apparaat print tot er een overneemt</translation>
    </message>
    <message>
        <source>Printing: waiting for the connector</source>
        <translation>Printen: wachten op de connector</translation>
    </message>
    <message>
        <source>Printing moves to this device; {holder} stops printing. Continue?</source>
        <translation>Printen gaat naar dit apparaat; {holder} stopt met printen. Doorgaan?</translation>
    </message>
    <message>
        <source>no device</source>
        <translation>geen apparaat</translation>
    </message>
    <message>
        <source>This device stops printing; no device prints until one takes over. Continue?</source>
        <translation>Dit apparaat stopt met printen; geen apparaat print tot er een overneemt. Doorgaan?</translation>
    </message>
    <message>
        <source>{template} ticket</source>
        <translation>{template}-bon</translation>
    </message>
    <message>
        <source>{template}</source>
        <translation>{template}</translation>
    </message>
    <message>
        <source>change slip</source>
        <translation>wijzigingsbon</translation>
    </message>
    <message>
        <source>void slip</source>
        <translation>annuleringsbon</translation>
    </message>
    <message>
        <source>Reprint: {reason}</source>
        <translation>Herdruk: {reason}</translation>
    </message>
    <message>
        <source>Nothing printed for this order yet</source>
        <translation>Voor deze bestelling is nog niets geprint</translation>
    </message>
    <message>
        <source>copy {copy}/{copies}</source>
        <translation>kopie {copy}/{copies}</translation>
    </message>
    <message>
        <source>Reprint {what} on {printer}</source>
        <translation>{what} herdrukken op {printer}</translation>
    </message>
    <message>
        <source>Reprint {what} ({details}) on {printer}</source>
        <translation>{what} ({details}) herdrukken op {printer}</translation>
    </message>
    <message>
        <source>SCHEDULED · {due}</source>
        <translation>GEPLAND · {due}</translation>
    </message>
    <message>
        <source>{fulfilment} · {due}</source>
        <translation>{fulfilment} · {due}</translation>
    </message>
    <message>
        <source>code {code}</source>
        <translation>code {code}</translation>
    </message>
    <message>
        <source>TEST ORDER — do not cook</source>
        <translation>TESTBESTELLING — niet bereiden</translation>
    </message>
    <message>
        <source>CANCELLED — {reason}</source>
        <translation>GEANNULEERD — {reason}</translation>
    </message>
    <message>
        <source>CANCELLED</source>
        <translation>GEANNULEERD</translation>
    </message>
    <message>
        <source>READY</source>
        <translation>KLAAR</translation>
    </message>
    <message>
        <source>RECALLED</source>
        <translation>TERUGGEHAALD</translation>
    </message>
    <message>
        <source>CHANGED · revision {n} — tap to acknowledge</source>
        <translation>GEWIJZIGD · versie {n} — tik om te bevestigen</translation>
    </message>
    <message>
        <source>UPDATED · revision {n}</source>
        <translation>GEWIJZIGD · versie {n}</translation>
    </message>
    <message>
        <source>{n}/{count} → next card</source>
        <translation>{n}/{count} → volgende kaart</translation>
    </message>
    <message>
        <source>{n}/{count}</source>
        <translation>{n}/{count}</translation>
    </message>
    <message>
        <source>No open orders</source>
        <translation>Geen openstaande bestellingen</translation>
    </message>
    <message>
        <source>+{n} more →</source>
        <translation>+{n} meer →</translation>
    </message>
    <message>
        <source>next →</source>
        <translation>verder →</translation>
    </message>
    <message>
        <source>← {n} earlier</source>
        <translation>← {n} eerdere</translation>
    </message>
    <message>
        <source>← back</source>
        <translation>← terug</translation>
    </message>
    <message>
        <source>page {n}</source>
        <translation>pagina {n}</translation>
    </message>
    <message>
        <source>In preparation</source>
        <translation>In bereiding</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Klaar</translation>
    </message>
    <message>
        <source>kds set-up</source>
        <translation>kds instellen</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Opslaan</translation>
    </message>
    <message>
        <source>the top level</source>
        <translation>het hoofdniveau</translation>
    </message>
    <message>
        <source>The config has a problem in {where}:
{message}</source>
        <translation>De configuratie heeft een probleem in {where}:
{message}</translation>
    </message>
    <message>
        <source>The config cannot be read: {message}</source>
        <translation>De configuratie kan niet worden gelezen: {message}</translation>
    </message>
    <message>
        <source>There is no config yet: set this device up.</source>
        <translation>Er is nog geen configuratie: stel dit apparaat in.</translation>
    </message>
    <message>
        <source>Connector</source>
        <translation>Connector</translation>
    </message>
    <message>
        <source>The connector brings the orders. Pick one found here or type its address.</source>
        <translation>De connector brengt de bestellingen. Kies er een die hier gevonden is of typ het adres.</translation>
    </message>
    <message>
        <source>Search the network</source>
        <translation>In het netwerk zoeken</translation>
    </message>
    <message>
        <source>First device of this kitchen: enter the sales-point token</source>
        <translation>Eerste apparaat van deze keuken: voer het kassatoken in</translation>
    </message>
    <message>
        <source>Join as a sub-terminal with a pairing code</source>
        <translation>Aansluiten als subterminal met een koppelcode</translation>
    </message>
    <message>
        <source>sales-point token</source>
        <translation>kassatoken</translation>
    </message>
    <message>
        <source>pairing code shown on a device already set up</source>
        <translation>koppelcode getoond op een apparaat dat al is ingesteld</translation>
    </message>
    <message>
        <source>Join</source>
        <translation>Aansluiten</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Verbinding testen</translation>
    </message>
    <message>
        <source>searching…</source>
        <translation>zoeken…</translation>
    </message>
    <message>
        <source>{n} found</source>
        <translation>{n} gevonden</translation>
    </message>
    <message>
        <source>no connector answered; type its address</source>
        <translation>geen connector antwoordde; typ het adres</translation>
    </message>
    <message>
        <source>search failed: {reason}</source>
        <translation>zoeken mislukt: {reason}</translation>
    </message>
    <message>
        <source>join with a pairing code first</source>
        <translation>sluit eerst aan met een koppelcode</translation>
    </message>
    <message>
        <source>enter the token</source>
        <translation>voer het token in</translation>
    </message>
    <message>
        <source>testing…</source>
        <translation>testen…</translation>
    </message>
    <message>
        <source>joining…</source>
        <translation>aansluiten…</translation>
    </message>
    <message>
        <source>not joined: {reason}</source>
        <translation>niet aangesloten: {reason}</translation>
    </message>
    <message>
        <source>joined; {outcome}</source>
        <translation>aangesloten; {outcome}</translation>
    </message>
    <message>
        <source>Printing is held by {name}: this device prints only after a takeover.</source>
        <translation>Afdrukken ligt bij {name}: dit apparaat drukt pas af na een overname.</translation>
    </message>
    <message>
        <source>Take over printing from {name}…</source>
        <translation>Afdrukken overnemen van {name}…</translation>
    </message>
    <message>
        <source>Take over printing from {name}? {name} stops printing at once and this device prints every new ticket.</source>
        <translation>Afdrukken overnemen van {name}? {name} stopt meteen met afdrukken en dit apparaat drukt elke nieuwe bon af.</translation>
    </message>
    <message>
        <source>Printing taken over from {name}.</source>
        <translation>Afdrukken overgenomen van {name}.</translation>
    </message>
    <message>
        <source>Not taken over: {reason}</source>
        <translation>Niet overgenomen: {reason}</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Apparaat</translation>
    </message>
    <message>
        <source>The name other devices see, and what this device does.</source>
        <translation>De naam die andere apparaten zien, en wat dit apparaat doet.</translation>
    </message>
    <message>
        <source>e.g. Kitchen grill</source>
        <translation>bijv. Keuken grill</translation>
    </message>
    <message>
        <source>This device prints the kitchen tickets (printing role)</source>
        <translation>Dit apparaat print de keukenbonnen (printrol)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Taal</translation>
    </message>
    <message>
        <source>Device name</source>
        <translation>Apparaatnaam</translation>
    </message>
    <message>
        <source>Exactly one device of a kitchen prints; the connector gives the role to the first that asks.</source>
        <translation>Precies één apparaat van een keuken print; de connector geeft de rol aan het eerste dat erom vraagt.</translation>
    </message>
    <message>
        <source>Monitors</source>
        <translation>Schermen</translation>
    </message>
    <message>
        <source>Name the stations, then choose what each screen shows.</source>
        <translation>Geef de stations een naam en kies dan wat elk scherm toont.</translation>
    </message>
    <message>
        <source>stations, e.g. Grill, Cold, Bar</source>
        <translation>stations, bijv. Grill, Koud, Bar</translation>
    </message>
    <message>
        <source>Identify screens</source>
        <translation>Schermen herkennen</translation>
    </message>
    <message>
        <source>Stations</source>
        <translation>Stations</translation>
    </message>
    <message>
        <source>A station screen shows the lines of its station; expo shows whole orders.</source>
        <translation>Een stationsscherm toont de regels van zijn station; de pass toont hele bestellingen.</translation>
    </message>
    <message>
        <source>every station</source>
        <translation>alle stations</translation>
    </message>
    <message>
        <source>Preview of screen {n}: {profile}</source>
        <translation>Voorbeeld van scherm {n}: {profile}</translation>
    </message>
    <message>
        <source>Printers</source>
        <translation>Printers</translation>
    </message>
    <message>
        <source>Find the printers, choose the model, and print a test.</source>
        <translation>Zoek de printers, kies het model en print een test.</translation>
    </message>
    <message>
        <source>Find USB printers</source>
        <translation>USB-printers zoeken</translation>
    </message>
    <message>
        <source>network printer, e.g. 192.168.1.50</source>
        <translation>netwerkprinter, bijv. 192.168.1.50</translation>
    </message>
    <message>
        <source>Probe</source>
        <translation>Opvragen</translation>
    </message>
    <message>
        <source>scan, e.g. 192.168.1.0/24 (optional)</source>
        <translation>scannen, bijv. 192.168.1.0/24 (optioneel)</translation>
    </message>
    <message>
        <source>port </source>
        <translation>poort </translation>
    </message>
    <message>
        <source>Scan</source>
        <translation>Scannen</translation>
    </message>
    <message>
        <source>Cancel scan</source>
        <translation>Scan annuleren</translation>
    </message>
    <message>
        <source>Add printer</source>
        <translation>Printer toevoegen</translation>
    </message>
    <message>
        <source>Print test page</source>
        <translation>Testpagina printen</translation>
    </message>
    <message>
        <source>Code-page sheet</source>
        <translation>Codetabelblad</translation>
    </message>
    <message>
        <source>Does this look right?</source>
        <translation>Ziet dit er goed uit?</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nee</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Model</translation>
    </message>
    <message>
        <source>Printers of this kitchen</source>
        <translation>Printers van deze keuken</translation>
    </message>
    <message>
        <source>looking for USB printers…</source>
        <translation>USB-printers zoeken…</translation>
    </message>
    <message>
        <source>asking {host}…</source>
        <translation>{host} opvragen…</translation>
    </message>
    <message>
        <source>scanning {range} ({n} addresses)…</source>
        <translation>{range} scannen ({n} adressen)…</translation>
    </message>
    <message>
        <source>there is already a printer named {name!r}</source>
        <translation>er is al een printer met de naam {name!r}</translation>
    </message>
    <message>
        <source>printing the test page…</source>
        <translation>testpagina printen…</translation>
    </message>
    <message>
        <source>test page sent to {name}</source>
        <translation>testpagina verstuurd naar {name}</translation>
    </message>
    <message>
        <source>not printed: {reason}</source>
        <translation>niet geprint: {reason}</translation>
    </message>
    <message>
        <source>printing the code-page sheet…</source>
        <translation>codetabelblad printen…</translation>
    </message>
    <message>
        <source>Sheet printed in {codepage}. It should read: {expected}</source>
        <translation>Blad geprint in {codepage}. Er zou moeten staan: {expected}</translation>
    </message>
    <message>
        <source>code page {codepage} kept</source>
        <translation>codetabel {codepage} behouden</translation>
    </message>
    <message>
        <source>no other code page to try for this model; choose another model</source>
        <translation>geen andere codetabel voor dit model; kies een ander model</translation>
    </message>
    <message>
        <source>Routes</source>
        <translation>Routes</translation>
    </message>
    <message>
        <source>Sync now fetches the article groups; then say where each one goes.</source>
        <translation>„Nu synchroniseren” haalt de artikelgroepen op; geef dan aan waar elke groep heen gaat.</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Nu synchroniseren</translation>
    </message>
    <message>
        <source>nowhere (reported as unrouted)</source>
        <translation>nergens heen (gemeld als zonder route)</translation>
    </message>
    <message>
        <source>No catalog received yet</source>
        <translation>Nog geen catalogus ontvangen</translation>
    </message>
    <message>
        <source>{n} route problem(s)</source>
        <translation>{n} routeprobleem/-problemen</translation>
    </message>
    <message>
        <source>Catalog {time} · {articles} articles, {groups} groups</source>
        <translation>Catalogus {time} · {articles} artikelen, {groups} groepen</translation>
    </message>
    <message>
        <source>asking the connector for the catalog…</source>
        <translation>catalogus opvragen bij de connector…</translation>
    </message>
    <message>
        <source>no catalog within {n:g} s</source>
        <translation>geen catalogus binnen {n:g} s</translation>
    </message>
    <message>
        <source>Sync failed: {reason}</source>
        <translation>Synchroniseren mislukt: {reason}</translation>
    </message>
    <message>
        <source>Article</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>Printer</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>Kopieën</translation>
    </message>
    <message>
        <source>Station on the ticket</source>
        <translation>Station op de bon</translation>
    </message>
    <message>
        <source>Add a customer receipt</source>
        <translation>Klantbon toevoegen</translation>
    </message>
    <message>
        <source>Lines no route takes print on</source>
        <translation>Regels zonder route drukken af op</translation>
    </message>
    <message>
        <source>Lines no station takes show at</source>
        <translation>Regels zonder station verschijnen bij</translation>
    </message>
    <message>
        <source>Customer receipt on</source>
        <translation>Klantbon op</translation>
    </message>
    <message>
        <source>every station, marked “no station”</source>
        <translation>elk station, gemarkeerd „geen station”</translation>
    </message>
    <message>
        <source>{label} ({printers}): with the loyalty block</source>
        <translation>{label} ({printers}): met het loyaliteitsblok</translation>
    </message>
    <message>
        <source>no station</source>
        <translation>geen station</translation>
    </message>
    <message>
        <source>not printed</source>
        <translation>niet geprint</translation>
    </message>
    <message>
        <source>none</source>
        <translation>geen</translation>
    </message>
    <message>
        <source>Articles…</source>
        <translation>Artikelen…</translation>
    </message>
    <message>
        <source>as its group</source>
        <translation>zoals zijn groep</translation>
    </message>
    <message>
        <source>Articles of {group}: each prints as its group, or where you choose.</source>
        <translation>Artikelen van {group}: elk drukt af zoals zijn groep, of waar u kiest.</translation>
    </message>
    <message>
        <source>The catalog has no articles in {group}.</source>
        <translation>De catalogus heeft geen artikelen in {group}.</translation>
    </message>
    <message>
        <source>Sync now to list the articles of {group}.</source>
        <translation>Synchroniseer nu om de artikelen van {group} te tonen.</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Overzicht</translation>
    </message>
    <message>
        <source>This is saved to {path}.</source>
        <translation>Dit wordt opgeslagen in {path}.</translation>
    </message>
    <message>
        <source>new admin PIN</source>
        <translation>nieuwe beheerders-pincode</translation>
    </message>
    <message>
        <source>the same again</source>
        <translation>nogmaals dezelfde</translation>
    </message>
    <message>
        <source>Admin PIN</source>
        <translation>Beheerders-pincode</translation>
    </message>
    <message>
        <source>The file there now is kept as a backup.</source>
        <translation>Het bestand dat er nu staat wordt als back-up bewaard.</translation>
    </message>
    <message>
        <source>An admin PIN is set; type a new one to change it.</source>
        <translation>Er is een beheerders-pincode ingesteld; typ een nieuwe om hem te wijzigen.</translation>
    </message>
    <message>
        <source>No admin PIN yet: without one anyone can open the admin area from the screens. 4 to 12 digits.</source>
        <translation>Nog geen beheerders-pincode: zonder pincode kan iedereen het beheergedeelte op de schermen openen. 4 tot 12 cijfers.</translation>
    </message>
    <message>
        <source>the two PINs differ</source>
        <translation>de twee pincodes verschillen</translation>
    </message>
    <message>
        <source>PIN not set: {reason}</source>
        <translation>Pincode niet ingesteld: {reason}</translation>
    </message>
    <message>
        <source>The admin PIN is set.</source>
        <translation>De beheerders-pincode is ingesteld.</translation>
    </message>
    <message>
        <source>Not saved: {reason}</source>
        <translation>Niet opgeslagen: {reason}</translation>
    </message>
    <message>
        <source> (the previous file is kept as {backup})</source>
        <translation> (het vorige bestand is bewaard als {backup})</translation>
    </message>
    <message>
        <source>Saved to {path}{kept}</source>
        <translation>Opgeslagen in {path}{kept}</translation>
    </message>
    <message>
        <source>internal error (see the log)</source>
        <translation>interne fout (zie het logboek)</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>offline</translation>
    </message>
    <message>
        <source>PICKUP</source>
        <translation>AFHALEN</translation>
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
        <source>CURBSIDE</source>
        <translation>AFHALEN BIJ DE AUTO</translation>
    </message>
    <message>
        <source>DRIVE THRU</source>
        <translation>DRIVE-THRU</translation>
    </message>
    <message>
        <source>ALCOHOL: ID CHECK</source>
        <translation>ALCOHOL: ID CONTROLEREN</translation>
    </message>
    <message>
        <source>TOBACCO: ID CHECK</source>
        <translation>TABAK: ID CONTROLEREN</translation>
    </message>
    <message>
        <source>AGE: ID CHECK</source>
        <translation>LEEFTIJD: ID CONTROLEREN</translation>
    </message>
    <message>
        <source>REPRINT</source>
        <translation>HERDRUK</translation>
    </message>
    <message>
        <source>BACKUP FOR {printer}</source>
        <translation>RESERVE VOOR {printer}</translation>
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
        <source>Mon</source>
        <translation>ma</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>di</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>wo</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>do</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>vr</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>za</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>zo</translation>
    </message>
    <message>
        <source>the paper is refilled</source>
        <translation>er nieuw papier in zit</translation>
    </message>
    <message>
        <source>the cover is closed</source>
        <translation>de klep dicht is</translation>
    </message>
    <message>
        <source>it is back online</source>
        <translation>hij weer online is</translation>
    </message>
    <message>
        <source>it answers again</source>
        <translation>hij weer antwoordt</translation>
    </message>
    <message>
        <source>it works again</source>
        <translation>hij weer werkt</translation>
    </message>
    <message>
        <source>{printer} holds #{number} until {until}</source>
        <translation>{printer} houdt #{number} vast tot {until}</translation>
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
        <source>{name}: sent, not confirmed (printer gives no status)</source>
        <translation>{name}: verstuurd, niet bevestigd (printer geeft geen status)</translation>
    </message>
    <message>
        <source>{name}: ready</source>
        <translation>{name}: gereed</translation>
    </message>
    <message>
        <source>{name}: not checked yet</source>
        <translation>{name}: nog niet gecontroleerd</translation>
    </message>
    <message>
        <source>{text}, {tickets} waiting</source>
        <translation>{text}, {tickets} wachtend</translation>
    </message>
    <message>
        <source>{text} (going to {backup})</source>
        <translation>{text} (gaat naar {backup})</translation>
    </message>
    <message>
        <source>{text}; {tickets} could not be laid out (see the log)</source>
        <translation>{text}; {tickets} konden niet worden opgemaakt (zie logboek)</translation>
    </message>
    <message>
        <source>no answer</source>
        <extracomment>DLE EOT n: the n each query asks about (Epson ESC/POS &quot;transmit real-time status&quot;). What the transports ask, in this order: enough to tell paper out, cover open and offline. False when the printer is configured without status (file transport, status disabled): nothing is known, so nothing is reported as a problem, but nothing is confirmed either.</extracomment>
        <translation>geen antwoord</translation>
    </message>
    <message>
        <source>paper out</source>
        <translation>papier op</translation>
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
        <source>paper low</source>
        <translation>papier bijna op</translation>
    </message>
    <message>
        <source>garbled status ({answers})</source>
        <translation>onleesbare status ({answers})</translation>
    </message>
    <message>
        <source>paper being fed by the feed button</source>
        <translation>papier wordt doorgevoerd met de doorvoerknop</translation>
    </message>
    <message>
        <source>stopped at paper end</source>
        <translation>gestopt aan het einde van het papier</translation>
    </message>
    <message>
        <source>error occurred</source>
        <translation>er is een fout opgetreden</translation>
    </message>
    <message>
        <source>autocutter error</source>
        <translation>fout in de afsnijder</translation>
    </message>
    <message>
        <source>unrecoverable error</source>
        <translation>onherstelbare fout</translation>
    </message>
    <message>
        <source>auto-recoverable error</source>
        <translation>automatisch herstelbare fout</translation>
    </message>
    <message>
        <source>paper roll end</source>
        <translation>papierrol op</translation>
    </message>
    <message>
        <source>paper near end</source>
        <translation>papier bijna op</translation>
    </message>
    <message>
        <source>connected (this connector does not tell its id)</source>
        <translation>verbonden (deze connector geeft geen id)</translation>
    </message>
    <message>
        <source>connected to connector {id}</source>
        <translation>verbonden met connector {id}</translation>
    </message>
    <message>
        <source>token refused</source>
        <translation>token geweigerd</translation>
    </message>
    <message>
        <source>not reachable: {reason}</source>
        <translation>niet bereikbaar: {reason}</translation>
    </message>
    <message>
        <source>too many wrong codes; try again in {seconds} s</source>
        <translation>te veel verkeerde codes; probeer het over {seconds} s opnieuw</translation>
    </message>
    <message>
        <source>no such pairing code: check the digits, or ask for a new code</source>
        <translation>deze koppelcode bestaat niet: controleer de cijfers of vraag een nieuwe code aan</translation>
    </message>
    <message>
        <source>this pairing code was already used; ask for a new code</source>
        <translation>deze koppelcode is al gebruikt; vraag een nieuwe code aan</translation>
    </message>
    <message>
        <source>this pairing code has expired; ask for a new code</source>
        <translation>deze koppelcode is verlopen; vraag een nieuwe code aan</translation>
    </message>
    <message>
        <source>{articles} articles, {groups} groups, {time}</source>
        <translation>{articles} artikelen, {groups} groepen, {time}</translation>
    </message>
    <message>
        <source>Admin</source>
        <translation>Beheer</translation>
    </message>
    <message>
        <source>All day</source>
        <translation>Hele dag</translation>
    </message>
    <message>
        <source>Nothing to make</source>
        <translation>Niets te maken</translation>
    </message>
    <message>
        <source>Speed of service</source>
        <translation>Servicesnelheid</translation>
    </message>
    <message>
        <source>#{number} · {at}</source>
        <translation>#{number} · {at}</translation>
    </message>
    <message>
        <source> · due {at}</source>
        <translation> · klaar om {at}</translation>
    </message>
    <message>
        <source>Fire now</source>
        <translation>Nu starten</translation>
    </message>
    <message>
        <source>in {left}</source>
        <translation>over {left}</translation>
    </message>
    <message>
        <source>Scheduled ({n})</source>
        <translation>Gepland ({n})</translation>
    </message>
    <message>
        <source>Whole order</source>
        <translation>Hele bestelling</translation>
    </message>
    <message>
        <source>all day</source>
        <translation>hele dag</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Vernieuwen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Sluiten</translation>
    </message>
    <message>
        <source>{day}: {orders} orders, {late} late</source>
        <translation>{day}: {orders} bestellingen, {late} te laat</translation>
    </message>
    <message>
        <source>{order} done</source>
        <translation>{order} klaar</translation>
    </message>
    <message>
        <source>{order} ready</source>
        <translation>{order} gereed</translation>
    </message>
    <message>
        <source>{order} recalled</source>
        <translation>{order} teruggehaald</translation>
    </message>
    <message>
        <source>{order} collected</source>
        <translation>{order} opgehaald</translation>
    </message>
    <message>
        <source>{order} fired</source>
        <translation>{order} gestart</translation>
    </message>
    <message>
        <source>{order} undone</source>
        <translation>{order} ongedaan</translation>
    </message>
    <message>
        <source>Order #{number} has lines no station takes: shown on every station as &quot;no station&quot; (set [kitchen] default_station or the stations&apos; groups)</source>
        <translation>Bestelling #{number} heeft regels die geen station neemt: op elk station getoond als „geen station” (stel [kitchen] default_station of de groepen van de stations in)</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>Terughalen</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Ongedaan maken</translation>
    </message>
    <message>
        <source>Nothing to recall</source>
        <translation>Niets om terug te halen</translation>
    </message>
    <message>
        <source>Scan pickup codes at the expo screen</source>
        <translation>Scan ophaalcodes op het expo-scherm</translation>
    </message>
    <message>
        <source>No open order with the code {code}</source>
        <translation>Geen open bestelling met de code {code}</translation>
    </message>
    <message>
        <source>#{number} is not ready yet</source>
        <translation>#{number} is nog niet klaar</translation>
    </message>
    <message>
        <source>sending…</source>
        <translation>wordt verzonden…</translation>
    </message>
    <message>
        <source>no USB printers found</source>
        <translation>geen USB-printers gevonden</translation>
    </message>
    <message>
        <source>libusb-1.0 is not installed: apt-get install libusb-1.0-0</source>
        <translation>libusb-1.0 is niet geïnstalleerd: apt-get install libusb-1.0-0</translation>
    </message>
    <message>
        <source>USB printer {ids}</source>
        <translation>USB-printer {ids}</translation>
    </message>
    <message>
        <source>{title} — usb {ids}, bus {bus} device {address}</source>
        <translation>{title} — USB {ids}, bus {bus} apparaat {address}</translation>
    </message>
    <message>
        <source>{title} — usb {ids}</source>
        <translation>{title} — USB {ids}</translation>
    </message>
    <message>
        <source>{printer}: {problem}</source>
        <translation>{printer}: {problem}</translation>
    </message>
    <message>
        <source>{printer} ({detail})</source>
        <translation>{printer} ({detail})</translation>
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
        <source>no permission — add the udev rule
  {rule}
to {file}, run `{command}`, then unplug and replug the printer</source>
        <translation>geen toestemming — voeg de udev-regel
  {rule}
toe aan {file}, voer `{command}` uit en koppel de printer los en weer aan</translation>
    </message>
    <message>
        <source>maker and model unreadable: {error}</source>
        <translation>merk en model onleesbaar: {error}</translation>
    </message>
    <message>
        <source>USB devices cannot be listed: {error}</source>
        <translation>USB-apparaten kunnen niet worden opgesomd: {error}</translation>
    </message>
    <message>
        <source>type e.g. 192.168.1.0/24 or 192.168.1.20-192.168.1.80</source>
        <translation>typ bijv. 192.168.1.0/24 of 192.168.1.20-192.168.1.80</translation>
    </message>
    <message>
        <source>{address!r}: the port must be a number from 1 to 65535, not {port!r}</source>
        <translation>{address!r}: de poort moet een getal van 1 tot 65535 zijn, niet {port!r}</translation>
    </message>
    <message>
        <source>{address!r} is not an address: write [IPv6]:port</source>
        <translation>{address!r} is geen adres: schrijf [IPv6]:poort</translation>
    </message>
    <message>
        <source>{address!r} is not a printer address: type its IP address or host name, e.g. 192.168.1.50 or 192.168.1.50:9100</source>
        <translation>{address!r} is geen printeradres: typ het IP-adres of de hostnaam, bijv. 192.168.1.50 of 192.168.1.50:9100</translation>
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
        <source>{text!r} has {count} addresses; a scan covers at most {most}: type the printers&apos; part of the network, e.g. 192.168.1.0/24</source>
        <translation>{text!r} heeft {count} adressen; een zoekactie beslaat hoogstens {most}: typ het deel van het netwerk met de printers, bijv. 192.168.1.0/24</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>gereed</translation>
    </message>
    <message>
        <source>no answer to status (may still print)</source>
        <translation>geen antwoord op de statusvraag (print misschien toch)</translation>
    </message>
    <message>
        <source>ready, paper low</source>
        <translation>gereed, papier bijna op</translation>
    </message>
    <message>
        <source>error ({detail})</source>
        <translation>fout ({detail})</translation>
    </message>
    <message>
        <source>{address}: {state}</source>
        <translation>{address}: {state}</translation>
    </message>
    <message>
        <source>no answer within {seconds:g} s (is it switched on and connected, and is the address right?)</source>
        <translation>geen antwoord binnen {seconds:g} s (staat hij aan en is hij aangesloten, en klopt het adres?)</translation>
    </message>
    <message>
        <source>{host!r} is not a known host name or IP address</source>
        <translation>{host!r} is geen bekende hostnaam of IP-adres</translation>
    </message>
    <message>
        <source>the connection was refused (is the port right? printers use 9100)</source>
        <translation>de verbinding werd geweigerd (klopt de poort? printers gebruiken 9100)</translation>
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
        <source>none found</source>
        <translation>geen gevonden</translation>
    </message>
    <message>
        <source>scan cancelled after {scanned} of {total} addresses: {found}</source>
        <translation>zoeken afgebroken na {scanned} van {total} adressen: {found}</translation>
    </message>
    <message>
        <source>no printer answered on port {port} in {range}</source>
        <translation>geen printer antwoordde op poort {port} in {range}</translation>
    </message>
    <message>
        <source>{found} on port {port} in {range}</source>
        <translation>{found} op poort {port} in {range}</translation>
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
        <source>unknown printer model {name!r} (the models: {known})</source>
        <translation>onbekend printermodel {name!r} (de modellen: {known})</translation>
    </message>
</context>
<context>
    <name>AdminArea</name>
    <message>
        <source>Admin</source>
        <translation>Beheer</translation>
    </message>
    <message>
        <source>Set-up wizard</source>
        <translation>Installatiewizard</translation>
    </message>
    <message>
        <source>Pairing and devices</source>
        <translation>Koppelen en apparaten</translation>
    </message>
    <message>
        <source>Restart KDS now</source>
        <translation>KDS nu opnieuw starten</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Sluiten</translation>
    </message>
    <message>
        <source>No admin PIN is set: anyone can open this area. Set one on the set-up wizard&apos;s last page (or with: kds admin set-pin).</source>
        <translation>Geen beheerders-pincode ingesteld: iedereen kan dit gedeelte openen. Stel er een in op de laatste pagina van de installatiewizard (of met: kds admin set-pin).</translation>
    </message>
    <message>
        <source>Saved to {path}. Restart KDS to use the new settings.</source>
        <translation>Opgeslagen in {path}. Start KDS opnieuw om de nieuwe instellingen te gebruiken.</translation>
    </message>
</context>
<context>
    <name>PairingScreen</name>
    <message>
        <source>Pairing and devices</source>
        <translation>Koppelen en apparaten</translation>
    </message>
    <message>
        <source>New pairing code</source>
        <translation>Nieuwe koppelcode</translation>
    </message>
    <message>
        <source>On the new device, choose “Join as a sub-terminal” in the set-up and type this code. It works once.</source>
        <translation>Kies op het nieuwe apparaat in de installatie „Aansluiten als subterminal” en typ deze code. Hij werkt één keer.</translation>
    </message>
    <message>
        <source>Refresh the list</source>
        <translation>Lijst vernieuwen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Sluiten</translation>
    </message>
    <message>
        <source>Devices of this kitchen</source>
        <translation>Apparaten van deze keuken</translation>
    </message>
    <message>
        <source>On the new device, choose “Join as a sub-terminal” in the set-up and type this code. It works once, until {time}.</source>
        <translation>Kies op het nieuwe apparaat in de installatie „Aansluiten als subterminal” en typ deze code. Hij werkt één keer, tot {time}.</translation>
    </message>
    <message>
        <source>No code: {reason}</source>
        <translation>Geen code: {reason}</translation>
    </message>
    <message>
        <source>asking the connector…</source>
        <translation>connector wordt gevraagd…</translation>
    </message>
    <message>
        <source>The list is not available: {reason}</source>
        <translation>De lijst is niet beschikbaar: {reason}</translation>
    </message>
    <message>
        <source>sales-point token</source>
        <translation>token van het verkooppunt</translation>
    </message>
    <message>
        <source>own token</source>
        <translation>eigen token</translation>
    </message>
    <message>
        <source>revoked</source>
        <translation>ingetrokken</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>verbonden</translation>
    </message>
    <message>
        <source>not connected</source>
        <translation>niet verbonden</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>Intrekken</translation>
    </message>
    <message>
        <source>{n} device(s)</source>
        <translation>{n} apparaat/apparaten</translation>
    </message>
    <message>
        <source>No device has connected yet.</source>
        <translation>Er heeft nog geen apparaat verbinding gemaakt.</translation>
    </message>
    <message>
        <source>Revoke a device</source>
        <translation>Een apparaat intrekken</translation>
    </message>
    <message>
        <source>Revoke the token of {name}? It is disconnected at once and shows “token refused” until it is paired again with a new code.</source>
        <translation>Het token van {name} intrekken? Het wordt meteen losgekoppeld en toont „token geweigerd” tot het opnieuw gekoppeld is met een nieuwe code.</translation>
    </message>
    <message>
        <source>revoking {name}…</source>
        <translation>{name} wordt ingetrokken…</translation>
    </message>
    <message>
        <source>{name} not revoked: {reason}</source>
        <translation>{name} niet ingetrokken: {reason}</translation>
    </message>
</context>
<context>
    <name>PinPad</name>
    <message>
        <source>Admin PIN</source>
        <translation>Beheerders-pincode</translation>
    </message>
    <message>
        <source>Enter the admin PIN</source>
        <translation>Voer de beheerders-pincode in</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <source>Too many wrong PINs: try again in {n} s</source>
        <translation>Te veel verkeerde pincodes: opnieuw over {n} s</translation>
    </message>
    <message>
        <source>Wrong PIN — {n} tries left</source>
        <translation>Verkeerde pincode — nog {n} pogingen</translation>
    </message>
    <message>
        <source>Too many</source>
        <translation>Te veel</translation>
    </message>
</context>
</TS>
