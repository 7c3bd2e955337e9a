<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl" sourcelanguage="en">
<context>
    <name></name>
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
        <source>NO {label}</source>
        <translation>ZONDER {label}</translation>
    </message>
    <message>
        <source>⚠ {allergens}</source>
        <translation>⚠ {allergens}</translation>
    </message>
    <message>
        <source>Restrictions: {list}</source>
        <translation>Beperkingen: {list}</translation>
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
        <source>ASAP</source>
        <translation>ZSM</translation>
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
        <source>Printer routes: {problem} — not in the synced catalog</source>
        <translation>Printerroutes: {problem} — niet in de gesynchroniseerde catalogus</translation>
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
        <source>UPDATED · revision {n}</source>
        <translation>GEWIJZIGD · versie {n}</translation>
    </message>
    <message>
        <source>No open orders</source>
        <translation>Geen openstaande bestellingen</translation>
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
        <source>Lines no route takes go to</source>
        <translation>Regels zonder route gaan naar</translation>
    </message>
    <message>
        <source>nowhere (reported as unrouted)</source>
        <translation>nergens heen (gemeld als zonder route)</translation>
    </message>
    <message>
        <source>asking the connector for the catalog…</source>
        <translation>catalogus opvragen bij de connector…</translation>
    </message>
    <message>
        <source>Sync failed: {reason}</source>
        <translation>Synchroniseren mislukt: {reason}</translation>
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
        <source>Summary</source>
        <translation>Overzicht</translation>
    </message>
    <message>
        <source>This is saved to {path}.</source>
        <translation>Dit wordt opgeslagen in {path}.</translation>
    </message>
    <message>
        <source>The file there now is kept as a backup.</source>
        <translation>Het bestand dat er nu staat wordt als back-up bewaard.</translation>
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
        <source>{articles} articles, {groups} groups, {time}</source>
        <translation>{articles} artikelen, {groups} groepen, {time}</translation>
    </message>
</context>
</TS>
