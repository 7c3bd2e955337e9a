<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source>not connected to the connector</source>
        <translation>pas connecté au connecteur</translation>
    </message>
    <message>
        <source>Printer status unavailable — see log</source>
        <translation>État des imprimantes indisponible — voir le journal</translation>
    </message>
    <message>
        <source>KDS cannot start</source>
        <translation>KDS ne peut pas démarrer</translation>
    </message>
    <message>
        <source>KDS stopped on an unexpected error: {error} (details in the log)</source>
        <translation>KDS s&apos;est arrêté sur une erreur inattendue : {error} (détails dans le journal)</translation>
    </message>
    <message>
        <source>KDS stopped</source>
        <translation>KDS arrêté</translation>
    </message>
    <message>
        <source>the connector closed the connection</source>
        <translation>le connecteur a fermé la connexion</translation>
    </message>
    <message>
        <source>printing was taken over by another device</source>
        <translation>un autre appareil a repris l&apos;impression</translation>
    </message>
    <message>
        <source>the printing role moved to this device</source>
        <translation>le rôle d&apos;impression est passé à cet appareil</translation>
    </message>
    <message>
        <source>connection refused</source>
        <translation>connexion refusée</translation>
    </message>
    <message>
        <source>connector address not found</source>
        <translation>adresse du connecteur introuvable</translation>
    </message>
    <message>
        <source>no answer from the connector</source>
        <translation>pas de réponse du connecteur</translation>
    </message>
    <message>
        <source>connection lost</source>
        <translation>connexion perdue</translation>
    </message>
    <message>
        <source>the connector sent a message over {limit} bytes</source>
        <translation>le connecteur a envoyé un message de plus de {limit} octets</translation>
    </message>
    <message>
        <source>connector answered HTTP {status}</source>
        <translation>le connecteur a répondu HTTP {status}</translation>
    </message>
    <message>
        <source>cannot store events: {error}</source>
        <translation>impossible d&apos;enregistrer les événements : {error}</translation>
    </message>
    <message>
        <source>internal error: {error}</source>
        <translation>erreur interne : {error}</translation>
    </message>
    <message>
        <source>unreadable answer to hello: {error}</source>
        <translation>réponse illisible à hello : {error}</translation>
    </message>
    <message>
        <source>expected welcome, got {type}</source>
        <translation>welcome attendu, {type} reçu</translation>
    </message>
    <message>
        <source>connector speaks protocol {connector}, this device {device}</source>
        <translation>le connecteur parle le protocole {connector}, cet appareil {device}</translation>
    </message>
    <message>
        <source>the connector&apos;s event log ends at {connector_seq} but this device already holds {device_seq}: was the connector reset? (reset this device&apos;s data or restore the connector&apos;s)</source>
        <translation>le journal du connecteur s&apos;arrête à {connector_seq} mais cet appareil a déjà {device_seq} : le connecteur a-t-il été réinitialisé ? (réinitialisez les données de cet appareil ou restaurez celles du connecteur)</translation>
    </message>
    <message>
        <source>alcohol</source>
        <translation>alcool</translation>
    </message>
    <message>
        <source>tobacco</source>
        <translation>tabac</translation>
    </message>
    <message>
        <source>age</source>
        <translation>âge</translation>
    </message>
    <message>
        <source>NO {label}</source>
        <translation>SANS {label}</translation>
    </message>
    <message>
        <source>⚠ {allergens}</source>
        <translation>⚠ {allergens}</translation>
    </message>
    <message>
        <source>NEW</source>
        <translation>NOUVEAU</translation>
    </message>
    <message>
        <source>quantity {change}</source>
        <translation>quantité {change}</translation>
    </message>
    <message>
        <source>notes changed</source>
        <translation>notes modifiées</translation>
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
        <translation>⚑ aucun poste</translation>
    </message>
    <message>
        <source>REMOVED</source>
        <translation>SUPPRIMÉ</translation>
    </message>
    <message>
        <source>🔞 Check: {list}</source>
        <translation>🔞 Vérifier : {list}</translation>
    </message>
    <message>
        <source>Pickup</source>
        <translation>À emporter</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>Livraison</translation>
    </message>
    <message>
        <source>Dine-in</source>
        <translation>Sur place</translation>
    </message>
    <message>
        <source>Curbside</source>
        <translation>Retrait en voiture</translation>
    </message>
    <message>
        <source>Drive-thru</source>
        <translation>Drive</translation>
    </message>
    <message>
        <source>Table {table}</source>
        <translation>Table {table}</translation>
    </message>
    <message>
        <source>{text} · {n} guests</source>
        <translation>{text} · {n} couverts</translation>
    </message>
    <message>
        <source>name: {before} → {after}</source>
        <translation>nom : {before} → {after}</translation>
    </message>
    <message>
        <source>quantity {before} → {after}</source>
        <translation>quantité {before} → {after}</translation>
    </message>
    <message>
        <source>variant: {before} → {after}</source>
        <translation>variante : {before} → {after}</translation>
    </message>
    <message>
        <source>allergens: {before} → {after}</source>
        <translation>allergènes : {before} → {after}</translation>
    </message>
    <message>
        <source>course: {before} → {after}</source>
        <translation>service : {before} → {after}</translation>
    </message>
    <message>
        <source>seat: {before} → {after}</source>
        <translation>place : {before} → {after}</translation>
    </message>
    <message>
        <source>price: {before} → {after}</source>
        <translation>prix : {before} → {after}</translation>
    </message>
    <message>
        <source>type: {before} → {after}</source>
        <translation>type : {before} → {after}</translation>
    </message>
    <message>
        <source>due: {before} → {after}</source>
        <translation>pour : {before} → {after}</translation>
    </message>
    <message>
        <source>prepare at: {before} → {after}</source>
        <translation>préparer à : {before} → {after}</translation>
    </message>
    <message>
        <source>table: {before} → {after}</source>
        <translation>table : {before} → {after}</translation>
    </message>
    <message>
        <source>guests: {before} → {after}</source>
        <translation>couverts : {before} → {after}</translation>
    </message>
    <message>
        <source>cutlery: {before} → {after}</source>
        <translation>couverts : {before} → {after}</translation>
    </message>
    <message>
        <source>note: {text}</source>
        <translation>note : {text}</translation>
    </message>
    <message>
        <source>note removed: {text}</source>
        <translation>note retirée : {text}</translation>
    </message>
    <message>
        <source>restriction: {text}</source>
        <translation>restriction : {text}</translation>
    </message>
    <message>
        <source>restriction removed: {text}</source>
        <translation>restriction retirée : {text}</translation>
    </message>
    <message>
        <source>order note: {text}</source>
        <translation>note commande : {text}</translation>
    </message>
    <message>
        <source>kitchen note: {text}</source>
        <translation>note cuisine : {text}</translation>
    </message>
    <message>
        <source>delivery note: {text}</source>
        <translation>note livraison : {text}</translation>
    </message>
    <message>
        <source>cutlery note: {text}</source>
        <translation>note couverts : {text}</translation>
    </message>
    <message>
        <source>allergy note: {text}</source>
        <translation>note allergie : {text}</translation>
    </message>
    <message>
        <source>other note: {text}</source>
        <translation>autre note : {text}</translation>
    </message>
    <message>
        <source>removed order note: {text}</source>
        <translation>note commande retirée : {text}</translation>
    </message>
    <message>
        <source>removed kitchen note: {text}</source>
        <translation>note cuisine retirée : {text}</translation>
    </message>
    <message>
        <source>removed delivery note: {text}</source>
        <translation>note livraison retirée : {text}</translation>
    </message>
    <message>
        <source>removed cutlery note: {text}</source>
        <translation>note couverts retirée : {text}</translation>
    </message>
    <message>
        <source>removed allergy note: {text}</source>
        <translation>note allergie retirée : {text}</translation>
    </message>
    <message>
        <source>removed other note: {text}</source>
        <translation>autre note retirée : {text}</translation>
    </message>
    <message>
        <source>ASAP</source>
        <translation>DÈS QUE POSSIBLE</translation>
    </message>
    <message>
        <source>scheduled</source>
        <translation>programmée</translation>
    </message>
    <message>
        <source>no</source>
        <translation>non</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <source>delivery address changed</source>
        <translation>adresse de livraison modifiée</translation>
    </message>
    <message>
        <source>due {time}</source>
        <translation>pour {time}</translation>
    </message>
    <message>
        <source>connecting to the connector</source>
        <translation>connexion au connecteur</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>connecté</translation>
    </message>
    <message>
        <source>reconnecting since {time} ({reason})</source>
        <translation>reconnexion depuis {time} ({reason})</translation>
    </message>
    <message>
        <source>reconnecting since {time}</source>
        <translation>reconnexion depuis {time}</translation>
    </message>
    <message>
        <source>token refused by the connector — check [connector] token in the config file</source>
        <translation>jeton refusé par le connecteur — vérifiez [connector] token dans le fichier de configuration</translation>
    </message>
    <message>
        <source>protocol error: {reason}</source>
        <translation>erreur de protocole : {reason}</translation>
    </message>
    <message>
        <source>protocol error</source>
        <translation>erreur de protocole</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>arrêté</translation>
    </message>
    <message>
        <source>Not connected since {time} — new orders may be missing</source>
        <translation>Non connecté depuis {time} — des commandes peuvent manquer</translation>
    </message>
    <message>
        <source>Back — {n} orders caught up</source>
        <translation>De retour — {n} commandes rattrapées</translation>
    </message>
    <message>
        <source>Screen {name} not found (connected: {known}); showing on {primary}.</source>
        <translation>Écran {name} introuvable (branchés : {known}) ; affichage sur {primary}.</translation>
    </message>
    <message>
        <source>KDS — {name}</source>
        <translation>KDS — {name}</translation>
    </message>
    <message>
        <source>Take over printing</source>
        <translation>Reprendre l&apos;impression</translation>
    </message>
    <message>
        <source>Stop printing here</source>
        <translation>Arrêter l&apos;impression ici</translation>
    </message>
    <message>
        <source>Connecting to the connector…</source>
        <translation>Connexion au connecteur…</translation>
    </message>
    <message>
        <source>{name} · {text}</source>
        <translation>{name} · {text}</translation>
    </message>
    <message>
        <source>Catching up — {done} of {total}</source>
        <translation>Rattrapage — {done} sur {total}</translation>
    </message>
    <message>
        <source>{n} invalid message(s) from the connector — see log</source>
        <translation>{n} message(s) invalide(s) du connecteur — voir le journal</translation>
    </message>
    <message>
        <source>Silence alarm</source>
        <translation>Couper l&apos;alarme</translation>
    </message>
    <message>
        <source>Unexpected error: {error} — see log; restart KDS if this screen stops updating</source>
        <translation>Erreur inattendue : {error} — voir le journal ; redémarrez KDS si cet écran ne se met plus à jour</translation>
    </message>
    <message>
        <source>{n} unexpected errors, the last: {error} — see log; restart KDS if this screen stops updating</source>
        <translation>{n} erreurs inattendues, la dernière : {error} — voir le journal ; redémarrez KDS si cet écran ne se met plus à jour</translation>
    </message>
    <message>
        <source>Nothing to do for this order</source>
        <translation>Rien à faire pour cette commande</translation>
    </message>
    <message>
        <source>Order {number}</source>
        <translation>Commande {number}</translation>
    </message>
    <message>
        <source>#{number}: &apos;{label}&apos; has no printer — add a route or a default printer</source>
        <translation>#{number} : « {label} » n&apos;a pas d&apos;imprimante — ajoutez une route ou une imprimante par défaut</translation>
    </message>
    <message>
        <source>Printer routes: {problem}</source>
        <translation>Routage des imprimantes : {problem}</translation>
    </message>
    <message>
        <source>{printer} printer: {problem}</source>
        <translation>Imprimante {printer} : {problem}</translation>
    </message>
    <message>
        <source>Could not take over printing: {detail}</source>
        <translation>Impossible de reprendre l&apos;impression : {detail}</translation>
    </message>
    <message>
        <source>Could not stop printing here: {detail}</source>
        <translation>Impossible d&apos;arrêter l&apos;impression ici : {detail}</translation>
    </message>
    <message>
        <source>Printing cannot start: {detail}</source>
        <translation>L&apos;impression ne peut pas démarrer : {detail}</translation>
    </message>
    <message>
        <source>Printing did not stop cleanly: {detail}</source>
        <translation>L&apos;impression ne s&apos;est pas arrêtée proprement : {detail}</translation>
    </message>
    <message>
        <source>Tickets of order #{detail} could not be queued — see the log</source>
        <translation>Les tickets de la commande #{detail} n&apos;ont pas pu être mis en file — voir le journal</translation>
    </message>
    <message>
        <source>Printing: off — this device does not print</source>
        <translation>Impression : désactivée — cet appareil n&apos;imprime pas</translation>
    </message>
    <message>
        <source>Printing: off — no printers in the settings</source>
        <translation>Impression : désactivée — aucune imprimante dans les réglages</translation>
    </message>
    <message>
        <source>Printing: asking the connector…</source>
        <translation>Impression : demande au connecteur…</translation>
    </message>
    <message>
        <source>Printing: this device ({printers})</source>
        <translation>Impression : cet appareil ({printers})</translation>
    </message>
    <message>
        <source>Printing: starting the printers on this device…</source>
        <translation>Impression : démarrage des imprimantes de cet appareil…</translation>
    </message>
    <message>
        <source>another device</source>
        <translation>un autre appareil</translation>
    </message>
    <message>
        <source>Printing is done by {holder}; this device does not print</source>
        <translation>L&apos;impression est faite par {holder} ; cet appareil n&apos;imprime pas</translation>
    </message>
    <message>
        <source>Printing: stopped on this device; no device prints until one takes over</source>
        <translation>Impression : arrêtée sur cet appareil ; aucun appareil n&apos;imprime tant qu&apos;aucun ne reprend</translation>
    </message>
    <message>
        <source>Printing: waiting for the connector</source>
        <translation>Impression : en attente du connecteur</translation>
    </message>
    <message>
        <source>Printing moves to this device; {holder} stops printing. Continue?</source>
        <translation>L&apos;impression passe à cet appareil ; {holder} cesse d&apos;imprimer. Continuer ?</translation>
    </message>
    <message>
        <source>no device</source>
        <translation>aucun appareil</translation>
    </message>
    <message>
        <source>This device stops printing; no device prints until one takes over. Continue?</source>
        <translation>Cet appareil cesse d&apos;imprimer ; aucun appareil n&apos;imprime tant qu&apos;aucun ne reprend. Continuer ?</translation>
    </message>
    <message>
        <source>{template} ticket</source>
        <translation>ticket {template}</translation>
    </message>
    <message>
        <source>{template}</source>
        <translation>{template}</translation>
    </message>
    <message>
        <source>change slip</source>
        <translation>bon de modification</translation>
    </message>
    <message>
        <source>void slip</source>
        <translation>bon d&apos;annulation</translation>
    </message>
    <message>
        <source>Reprint: {reason}</source>
        <translation>Réimpression : {reason}</translation>
    </message>
    <message>
        <source>Nothing printed for this order yet</source>
        <translation>Rien n&apos;a encore été imprimé pour cette commande</translation>
    </message>
    <message>
        <source>copy {copy}/{copies}</source>
        <translation>copie {copy}/{copies}</translation>
    </message>
    <message>
        <source>Reprint {what} on {printer}</source>
        <translation>Réimprimer {what} sur {printer}</translation>
    </message>
    <message>
        <source>Reprint {what} ({details}) on {printer}</source>
        <translation>Réimprimer {what} ({details}) sur {printer}</translation>
    </message>
    <message>
        <source>SCHEDULED · {due}</source>
        <translation>PROGRAMMÉE · {due}</translation>
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
        <translation>COMMANDE TEST — ne pas préparer</translation>
    </message>
    <message>
        <source>CANCELLED — {reason}</source>
        <translation>ANNULÉE — {reason}</translation>
    </message>
    <message>
        <source>CANCELLED</source>
        <translation>ANNULÉE</translation>
    </message>
    <message>
        <source>READY</source>
        <translation>PRÊTE</translation>
    </message>
    <message>
        <source>RECALLED</source>
        <translation>RAPPELÉE</translation>
    </message>
    <message>
        <source>CHANGED · revision {n} — tap to acknowledge</source>
        <translation>MODIFIÉE · version {n} — touchez pour confirmer</translation>
    </message>
    <message>
        <source>UPDATED · revision {n}</source>
        <translation>MODIFIÉE · version {n}</translation>
    </message>
    <message>
        <source>{n}/{count} → next card</source>
        <translation>{n}/{count} → carte suivante</translation>
    </message>
    <message>
        <source>{n}/{count}</source>
        <translation>{n}/{count}</translation>
    </message>
    <message>
        <source>No open orders</source>
        <translation>Aucune commande en cours</translation>
    </message>
    <message>
        <source>+{n} more →</source>
        <translation>+{n} de plus →</translation>
    </message>
    <message>
        <source>next →</source>
        <translation>suivant →</translation>
    </message>
    <message>
        <source>← {n} earlier</source>
        <translation>← {n} précédentes</translation>
    </message>
    <message>
        <source>← back</source>
        <translation>← retour</translation>
    </message>
    <message>
        <source>page {n}</source>
        <translation>page {n}</translation>
    </message>
    <message>
        <source>In preparation</source>
        <translation>En préparation</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Prêt</translation>
    </message>
    <message>
        <source>kds set-up</source>
        <translation>Configuration de kds</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>the top level</source>
        <translation>le niveau principal</translation>
    </message>
    <message>
        <source>The config has a problem in {where}:
{message}</source>
        <translation>La configuration a un problème dans {where} :
{message}</translation>
    </message>
    <message>
        <source>The config cannot be read: {message}</source>
        <translation>La configuration est illisible : {message}</translation>
    </message>
    <message>
        <source>There is no config yet: set this device up.</source>
        <translation>Il n&apos;y a pas encore de configuration : configurez cet appareil.</translation>
    </message>
    <message>
        <source>Connector</source>
        <translation>Connecteur</translation>
    </message>
    <message>
        <source>The connector brings the orders. Pick one found here or type its address.</source>
        <translation>Le connecteur apporte les commandes. Choisissez-en un trouvé ici ou tapez son adresse.</translation>
    </message>
    <message>
        <source>Search the network</source>
        <translation>Chercher sur le réseau</translation>
    </message>
    <message>
        <source>First device of this kitchen: enter the sales-point token</source>
        <translation>Premier appareil de cette cuisine : saisir le jeton du point de vente</translation>
    </message>
    <message>
        <source>Join as a sub-terminal with a pairing code</source>
        <translation>Rejoindre comme sous-terminal avec un code de jumelage</translation>
    </message>
    <message>
        <source>sales-point token</source>
        <translation>jeton du point de vente</translation>
    </message>
    <message>
        <source>pairing code shown on a device already set up</source>
        <translation>code de jumelage affiché sur un appareil déjà configuré</translation>
    </message>
    <message>
        <source>Join</source>
        <translation>Rejoindre</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Tester la connexion</translation>
    </message>
    <message>
        <source>searching…</source>
        <translation>recherche…</translation>
    </message>
    <message>
        <source>{n} found</source>
        <translation>{n} trouvé(s)</translation>
    </message>
    <message>
        <source>no connector answered; type its address</source>
        <translation>aucun connecteur n&apos;a répondu ; tapez son adresse</translation>
    </message>
    <message>
        <source>search failed: {reason}</source>
        <translation>échec de la recherche : {reason}</translation>
    </message>
    <message>
        <source>join with a pairing code first</source>
        <translation>rejoignez d&apos;abord avec un code de jumelage</translation>
    </message>
    <message>
        <source>enter the token</source>
        <translation>saisissez le jeton</translation>
    </message>
    <message>
        <source>testing…</source>
        <translation>test en cours…</translation>
    </message>
    <message>
        <source>joining…</source>
        <translation>connexion en cours…</translation>
    </message>
    <message>
        <source>not joined: {reason}</source>
        <translation>non rejoint : {reason}</translation>
    </message>
    <message>
        <source>joined; {outcome}</source>
        <translation>rejoint ; {outcome}</translation>
    </message>
    <message>
        <source>Printing is held by {name}: this device prints only after a takeover.</source>
        <translation>L&apos;impression est tenue par {name} : cet appareil n&apos;imprime qu&apos;après une reprise.</translation>
    </message>
    <message>
        <source>Take over printing from {name}…</source>
        <translation>Reprendre l&apos;impression de {name}…</translation>
    </message>
    <message>
        <source>Take over printing from {name}? {name} stops printing at once and this device prints every new ticket.</source>
        <translation>Reprendre l&apos;impression de {name} ? {name} cesse d&apos;imprimer tout de suite et cet appareil imprime chaque nouveau ticket.</translation>
    </message>
    <message>
        <source>Printing taken over from {name}.</source>
        <translation>Impression reprise de {name}.</translation>
    </message>
    <message>
        <source>Not taken over: {reason}</source>
        <translation>Non repris : {reason}</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Appareil</translation>
    </message>
    <message>
        <source>The name other devices see, and what this device does.</source>
        <translation>Le nom que voient les autres appareils, et ce que fait cet appareil.</translation>
    </message>
    <message>
        <source>e.g. Kitchen grill</source>
        <translation>p. ex. Cuisine grill</translation>
    </message>
    <message>
        <source>This device prints the kitchen tickets (printing role)</source>
        <translation>Cet appareil imprime les tickets de cuisine (rôle d&apos;impression)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>Device name</source>
        <translation>Nom de l&apos;appareil</translation>
    </message>
    <message>
        <source>Exactly one device of a kitchen prints; the connector gives the role to the first that asks.</source>
        <translation>Un seul appareil d&apos;une cuisine imprime ; le connecteur donne le rôle au premier qui le demande.</translation>
    </message>
    <message>
        <source>Monitors</source>
        <translation>Écrans</translation>
    </message>
    <message>
        <source>Name the stations, then choose what each screen shows.</source>
        <translation>Nommez les postes, puis choisissez ce que montre chaque écran.</translation>
    </message>
    <message>
        <source>stations, e.g. Grill, Cold, Bar</source>
        <translation>postes, p. ex. Grill, Froid, Bar</translation>
    </message>
    <message>
        <source>Identify screens</source>
        <translation>Identifier les écrans</translation>
    </message>
    <message>
        <source>Stations</source>
        <translation>Postes</translation>
    </message>
    <message>
        <source>A station screen shows the lines of its station; expo shows whole orders.</source>
        <translation>Un écran de poste montre les lignes de son poste ; le passe montre les commandes entières.</translation>
    </message>
    <message>
        <source>every station</source>
        <translation>tous les postes</translation>
    </message>
    <message>
        <source>Preview of screen {n}: {profile}</source>
        <translation>Aperçu de l&apos;écran {n} : {profile}</translation>
    </message>
    <message>
        <source>Printers</source>
        <translation>Imprimantes</translation>
    </message>
    <message>
        <source>Find the printers, choose the model, and print a test.</source>
        <translation>Trouvez les imprimantes, choisissez le modèle et imprimez un test.</translation>
    </message>
    <message>
        <source>Find USB printers</source>
        <translation>Chercher les imprimantes USB</translation>
    </message>
    <message>
        <source>network printer, e.g. 192.168.1.50</source>
        <translation>imprimante réseau, p. ex. 192.168.1.50</translation>
    </message>
    <message>
        <source>Probe</source>
        <translation>Interroger</translation>
    </message>
    <message>
        <source>scan, e.g. 192.168.1.0/24 (optional)</source>
        <translation>plage, p. ex. 192.168.1.0/24 (facultatif)</translation>
    </message>
    <message>
        <source>port </source>
        <translation>port </translation>
    </message>
    <message>
        <source>Scan</source>
        <translation>Scanner</translation>
    </message>
    <message>
        <source>Cancel scan</source>
        <translation>Annuler le scan</translation>
    </message>
    <message>
        <source>Add printer</source>
        <translation>Ajouter l’imprimante</translation>
    </message>
    <message>
        <source>Print test page</source>
        <translation>Imprimer une page de test</translation>
    </message>
    <message>
        <source>Code-page sheet</source>
        <translation>Feuille de page de code</translation>
    </message>
    <message>
        <source>Does this look right?</source>
        <translation>Est-ce correct ?</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Oui</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Non</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <source>Printers of this kitchen</source>
        <translation>Imprimantes de cette cuisine</translation>
    </message>
    <message>
        <source>looking for USB printers…</source>
        <translation>recherche des imprimantes USB…</translation>
    </message>
    <message>
        <source>asking {host}…</source>
        <translation>interrogation de {host}…</translation>
    </message>
    <message>
        <source>scanning {range} ({n} addresses)…</source>
        <translation>scan de {range} ({n} adresses)…</translation>
    </message>
    <message>
        <source>there is already a printer named {name!r}</source>
        <translation>il existe déjà une imprimante nommée {name!r}</translation>
    </message>
    <message>
        <source>printing the test page…</source>
        <translation>impression de la page de test…</translation>
    </message>
    <message>
        <source>test page sent to {name}</source>
        <translation>page de test envoyée à {name}</translation>
    </message>
    <message>
        <source>not printed: {reason}</source>
        <translation>non imprimé : {reason}</translation>
    </message>
    <message>
        <source>printing the code-page sheet…</source>
        <translation>impression de la feuille de page de code…</translation>
    </message>
    <message>
        <source>Sheet printed in {codepage}. It should read: {expected}</source>
        <translation>Feuille imprimée en {codepage}. Elle doit afficher : {expected}</translation>
    </message>
    <message>
        <source>code page {codepage} kept</source>
        <translation>page de code {codepage} conservée</translation>
    </message>
    <message>
        <source>no other code page to try for this model; choose another model</source>
        <translation>plus d&apos;autre page de code à essayer pour ce modèle ; choisissez un autre modèle</translation>
    </message>
    <message>
        <source>Routes</source>
        <translation>Routes</translation>
    </message>
    <message>
        <source>Sync now fetches the article groups; then say where each one goes.</source>
        <translation>« Synchroniser » récupère les groupes d’articles ; indiquez ensuite où va chacun.</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Synchroniser</translation>
    </message>
    <message>
        <source>nowhere (reported as unrouted)</source>
        <translation>nulle part (signalées sans route)</translation>
    </message>
    <message>
        <source>No catalog received yet</source>
        <translation>Aucun catalogue reçu</translation>
    </message>
    <message>
        <source>{n} route problem(s)</source>
        <translation>{n} problème(s) de routage</translation>
    </message>
    <message>
        <source>Catalog {time} · {articles} articles, {groups} groups</source>
        <translation>Catalogue {time} · {articles} articles, {groups} groupes</translation>
    </message>
    <message>
        <source>asking the connector for the catalog…</source>
        <translation>demande du catalogue au connecteur…</translation>
    </message>
    <message>
        <source>no catalog within {n:g} s</source>
        <translation>pas de catalogue en {n:g} s</translation>
    </message>
    <message>
        <source>Sync failed: {reason}</source>
        <translation>Échec de la synchronisation : {reason}</translation>
    </message>
    <message>
        <source>Article</source>
        <translation>Article</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>Imprimante</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>Copies</translation>
    </message>
    <message>
        <source>Station on the ticket</source>
        <translation>Poste sur le ticket</translation>
    </message>
    <message>
        <source>Add a customer receipt</source>
        <translation>Ajouter un reçu client</translation>
    </message>
    <message>
        <source>Lines no route takes print on</source>
        <translation>Les lignes sans route impriment sur</translation>
    </message>
    <message>
        <source>Lines no station takes show at</source>
        <translation>Les lignes sans poste apparaissent à</translation>
    </message>
    <message>
        <source>Customer receipt on</source>
        <translation>Reçu client sur</translation>
    </message>
    <message>
        <source>every station, marked “no station”</source>
        <translation>chaque poste, marquées « aucun poste »</translation>
    </message>
    <message>
        <source>{label} ({printers}): with the loyalty block</source>
        <translation>{label} ({printers}) : avec le bloc fidélité</translation>
    </message>
    <message>
        <source>no station</source>
        <translation>aucun poste</translation>
    </message>
    <message>
        <source>not printed</source>
        <translation>non imprimé</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <source>Articles…</source>
        <translation>Articles…</translation>
    </message>
    <message>
        <source>as its group</source>
        <translation>comme son groupe</translation>
    </message>
    <message>
        <source>Articles of {group}: each prints as its group, or where you choose.</source>
        <translation>Articles de {group} : chacun imprime comme son groupe, ou là où vous choisissez.</translation>
    </message>
    <message>
        <source>The catalog has no articles in {group}.</source>
        <translation>Le catalogue n&apos;a aucun article dans {group}.</translation>
    </message>
    <message>
        <source>Sync now to list the articles of {group}.</source>
        <translation>Synchronisez pour lister les articles de {group}.</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Résumé</translation>
    </message>
    <message>
        <source>This is saved to {path}.</source>
        <translation>Ceci est enregistré dans {path}.</translation>
    </message>
    <message>
        <source>new admin PIN</source>
        <translation>nouveau code PIN admin</translation>
    </message>
    <message>
        <source>the same again</source>
        <translation>la même encore</translation>
    </message>
    <message>
        <source>Admin PIN</source>
        <translation>Code PIN admin</translation>
    </message>
    <message>
        <source>The file there now is kept as a backup.</source>
        <translation>Le fichier qui s’y trouve est gardé en sauvegarde.</translation>
    </message>
    <message>
        <source>An admin PIN is set; type a new one to change it.</source>
        <translation>Un code PIN admin est défini ; tapez-en un nouveau pour le changer.</translation>
    </message>
    <message>
        <source>No admin PIN yet: without one anyone can open the admin area from the screens. 4 to 12 digits.</source>
        <translation>Pas encore de code PIN admin : sans lui, n&apos;importe qui peut ouvrir l&apos;espace admin depuis les écrans. 4 à 12 chiffres.</translation>
    </message>
    <message>
        <source>the two PINs differ</source>
        <translation>les deux codes PIN diffèrent</translation>
    </message>
    <message>
        <source>PIN not set: {reason}</source>
        <translation>Code PIN non défini : {reason}</translation>
    </message>
    <message>
        <source>The admin PIN is set.</source>
        <translation>Le code PIN admin est défini.</translation>
    </message>
    <message>
        <source>Not saved: {reason}</source>
        <translation>Non enregistré : {reason}</translation>
    </message>
    <message>
        <source> (the previous file is kept as {backup})</source>
        <translation> (le fichier précédent est gardé sous {backup})</translation>
    </message>
    <message>
        <source>Saved to {path}{kept}</source>
        <translation>Enregistré dans {path}{kept}</translation>
    </message>
    <message>
        <source>internal error (see the log)</source>
        <translation>erreur interne (voir le journal)</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>hors ligne</translation>
    </message>
    <message>
        <source>PICKUP</source>
        <translation>À EMPORTER</translation>
    </message>
    <message>
        <source>DELIVERY</source>
        <translation>LIVRAISON</translation>
    </message>
    <message>
        <source>DINE IN</source>
        <translation>SUR PLACE</translation>
    </message>
    <message>
        <source>CURBSIDE</source>
        <translation>RETRAIT EN VOITURE</translation>
    </message>
    <message>
        <source>DRIVE THRU</source>
        <translation>DRIVE</translation>
    </message>
    <message>
        <source>ALCOHOL: ID CHECK</source>
        <translation>ALCOOL : CONTRÔLE D&apos;IDENTITÉ</translation>
    </message>
    <message>
        <source>TOBACCO: ID CHECK</source>
        <translation>TABAC : CONTRÔLE D&apos;IDENTITÉ</translation>
    </message>
    <message>
        <source>AGE: ID CHECK</source>
        <translation>ÂGE : CONTRÔLE D&apos;IDENTITÉ</translation>
    </message>
    <message>
        <source>REPRINT</source>
        <translation>RÉIMPRESSION</translation>
    </message>
    <message>
        <source>BACKUP FOR {printer}</source>
        <translation>SECOURS POUR {printer}</translation>
    </message>
    <message>
        <source>{n} ticket</source>
        <translation>{n} ticket</translation>
    </message>
    <message>
        <source>{n} tickets</source>
        <translation>{n} tickets</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>lun.</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>mar.</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>mer.</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>jeu.</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>ven.</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>sam.</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>dim.</translation>
    </message>
    <message>
        <source>the paper is refilled</source>
        <translation>le papier soit remis</translation>
    </message>
    <message>
        <source>the cover is closed</source>
        <translation>le capot soit fermé</translation>
    </message>
    <message>
        <source>it is back online</source>
        <translation>elle soit de nouveau en ligne</translation>
    </message>
    <message>
        <source>it answers again</source>
        <translation>elle réponde de nouveau</translation>
    </message>
    <message>
        <source>it works again</source>
        <translation>elle fonctionne de nouveau</translation>
    </message>
    <message>
        <source>{printer} holds #{number} until {until}</source>
        <translation>{printer} garde #{number} jusqu&apos;à ce que {until}</translation>
    </message>
    <message>
        <source>{name}: {problem}</source>
        <translation>{name} : {problem}</translation>
    </message>
    <message>
        <source>{name}: {problem} since {time}</source>
        <translation>{name} : {problem} depuis {time}</translation>
    </message>
    <message>
        <source>{name}: sent, not confirmed (printer gives no status)</source>
        <translation>{name} : envoyé, non confirmé (l&apos;imprimante ne donne pas d&apos;état)</translation>
    </message>
    <message>
        <source>{name}: ready</source>
        <translation>{name} : prête</translation>
    </message>
    <message>
        <source>{name}: not checked yet</source>
        <translation>{name} : pas encore vérifiée</translation>
    </message>
    <message>
        <source>{text}, {tickets} waiting</source>
        <translation>{text}, {tickets} en attente</translation>
    </message>
    <message>
        <source>{text} (going to {backup})</source>
        <translation>{text} (envoyés à {backup})</translation>
    </message>
    <message>
        <source>{text}; {tickets} could not be laid out (see the log)</source>
        <translation>{text} ; {tickets} n&apos;ont pas pu être mis en page (voir le journal)</translation>
    </message>
    <message>
        <source>no answer</source>
        <extracomment>DLE EOT n: the n each query asks about (Epson ESC/POS &quot;transmit real-time status&quot;). What the transports ask, in this order: enough to tell paper out, cover open and offline. False when the printer is configured without status (file transport, status disabled): nothing is known, so nothing is reported as a problem, but nothing is confirmed either.</extracomment>
        <translation>pas de réponse</translation>
    </message>
    <message>
        <source>paper out</source>
        <translation>plus de papier</translation>
    </message>
    <message>
        <source>cover open</source>
        <translation>capot ouvert</translation>
    </message>
    <message>
        <source>error</source>
        <translation>erreur</translation>
    </message>
    <message>
        <source>paper low</source>
        <translation>papier presque épuisé</translation>
    </message>
    <message>
        <source>garbled status ({answers})</source>
        <translation>état illisible ({answers})</translation>
    </message>
    <message>
        <source>paper being fed by the feed button</source>
        <translation>papier avancé par le bouton d&apos;avance</translation>
    </message>
    <message>
        <source>stopped at paper end</source>
        <translation>arrêtée en fin de papier</translation>
    </message>
    <message>
        <source>error occurred</source>
        <translation>une erreur est survenue</translation>
    </message>
    <message>
        <source>autocutter error</source>
        <translation>erreur du massicot</translation>
    </message>
    <message>
        <source>unrecoverable error</source>
        <translation>erreur irrécupérable</translation>
    </message>
    <message>
        <source>auto-recoverable error</source>
        <translation>erreur récupérable automatiquement</translation>
    </message>
    <message>
        <source>paper roll end</source>
        <translation>fin du rouleau de papier</translation>
    </message>
    <message>
        <source>paper near end</source>
        <translation>papier bientôt épuisé</translation>
    </message>
    <message>
        <source>connected (this connector does not tell its id)</source>
        <translation>connecté (ce connecteur ne donne pas son identifiant)</translation>
    </message>
    <message>
        <source>connected to connector {id}</source>
        <translation>connecté au connecteur {id}</translation>
    </message>
    <message>
        <source>token refused</source>
        <translation>jeton refusé</translation>
    </message>
    <message>
        <source>not reachable: {reason}</source>
        <translation>injoignable : {reason}</translation>
    </message>
    <message>
        <source>too many wrong codes; try again in {seconds} s</source>
        <translation>trop de codes erronés ; réessayez dans {seconds} s</translation>
    </message>
    <message>
        <source>no such pairing code: check the digits, or ask for a new code</source>
        <translation>ce code d&apos;appairage n&apos;existe pas : vérifiez les chiffres ou demandez un nouveau code</translation>
    </message>
    <message>
        <source>this pairing code was already used; ask for a new code</source>
        <translation>ce code d&apos;appairage a déjà servi ; demandez un nouveau code</translation>
    </message>
    <message>
        <source>this pairing code has expired; ask for a new code</source>
        <translation>ce code d&apos;appairage a expiré ; demandez un nouveau code</translation>
    </message>
    <message>
        <source>{articles} articles, {groups} groups, {time}</source>
        <translation>{articles} articles, {groups} groupes, {time}</translation>
    </message>
    <message>
        <source>Admin</source>
        <translation>Admin</translation>
    </message>
    <message>
        <source>All day</source>
        <translation>Toute la journée</translation>
    </message>
    <message>
        <source>Nothing to make</source>
        <translation>Rien à préparer</translation>
    </message>
    <message>
        <source>Speed of service</source>
        <translation>Vitesse de service</translation>
    </message>
    <message>
        <source>#{number} · {at}</source>
        <translation>#{number} · {at}</translation>
    </message>
    <message>
        <source> · due {at}</source>
        <translation> · prévu {at}</translation>
    </message>
    <message>
        <source>Fire now</source>
        <translation>Lancer maintenant</translation>
    </message>
    <message>
        <source>in {left}</source>
        <translation>dans {left}</translation>
    </message>
    <message>
        <source>Scheduled ({n})</source>
        <translation>Planifiées ({n})</translation>
    </message>
    <message>
        <source>Whole order</source>
        <translation>Commande entière</translation>
    </message>
    <message>
        <source>all day</source>
        <translation>toute la journée</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>{day}: {orders} orders, {late} late</source>
        <translation>{day} : {orders} commandes, {late} en retard</translation>
    </message>
    <message>
        <source>{order} done</source>
        <translation>{order} terminée</translation>
    </message>
    <message>
        <source>{order} ready</source>
        <translation>{order} prête</translation>
    </message>
    <message>
        <source>{order} recalled</source>
        <translation>{order} rappelée</translation>
    </message>
    <message>
        <source>{order} collected</source>
        <translation>{order} récupérée</translation>
    </message>
    <message>
        <source>{order} fired</source>
        <translation>{order} lancée</translation>
    </message>
    <message>
        <source>{order} undone</source>
        <translation>{order} rétablie</translation>
    </message>
    <message>
        <source>Order #{number} has lines no station takes: shown on every station as &quot;no station&quot; (set [kitchen] default_station or the stations&apos; groups)</source>
        <translation>La commande #{number} a des lignes qu&apos;aucun poste ne prend : affichées sur chaque poste comme « aucun poste » (réglez [kitchen] default_station ou les groupes des postes)</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>Rappeler</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Nothing to recall</source>
        <translation>Rien à rappeler</translation>
    </message>
    <message>
        <source>Scan pickup codes at the expo screen</source>
        <translation>Scannez les codes de retrait à l&apos;écran expo</translation>
    </message>
    <message>
        <source>No open order with the code {code}</source>
        <translation>Aucune commande ouverte avec le code {code}</translation>
    </message>
    <message>
        <source>#{number} is not ready yet</source>
        <translation>#{number} n&apos;est pas encore prête</translation>
    </message>
    <message>
        <source>sending…</source>
        <translation>envoi…</translation>
    </message>
    <message>
        <source>no USB printers found</source>
        <translation>aucune imprimante USB trouvée</translation>
    </message>
    <message>
        <source>libusb-1.0 is not installed: apt-get install libusb-1.0-0</source>
        <translation>libusb-1.0 n&apos;est pas installé : apt-get install libusb-1.0-0</translation>
    </message>
    <message>
        <source>USB printer {ids}</source>
        <translation>imprimante USB {ids}</translation>
    </message>
    <message>
        <source>{title} — usb {ids}, bus {bus} device {address}</source>
        <translation>{title} — USB {ids}, bus {bus} périphérique {address}</translation>
    </message>
    <message>
        <source>{title} — usb {ids}</source>
        <translation>{title} — USB {ids}</translation>
    </message>
    <message>
        <source>{printer}: {problem}</source>
        <translation>{printer} : {problem}</translation>
    </message>
    <message>
        <source>{printer} ({detail})</source>
        <translation>{printer} ({detail})</translation>
    </message>
    <message>
        <source>{n} USB printer found</source>
        <translation>{n} imprimante USB trouvée</translation>
    </message>
    <message>
        <source>{n} USB printers found</source>
        <translation>{n} imprimantes USB trouvées</translation>
    </message>
    <message>
        <source>no permission — add the udev rule
  {rule}
to {file}, run `{command}`, then unplug and replug the printer</source>
        <translation>pas d&apos;autorisation — ajoutez la règle udev
  {rule}
à {file}, lancez `{command}`, puis débranchez et rebranchez l&apos;imprimante</translation>
    </message>
    <message>
        <source>maker and model unreadable: {error}</source>
        <translation>fabricant et modèle illisibles : {error}</translation>
    </message>
    <message>
        <source>USB devices cannot be listed: {error}</source>
        <translation>impossible de lister les périphériques USB : {error}</translation>
    </message>
    <message>
        <source>type e.g. 192.168.1.0/24 or 192.168.1.20-192.168.1.80</source>
        <translation>saisissez p. ex. 192.168.1.0/24 ou 192.168.1.20-192.168.1.80</translation>
    </message>
    <message>
        <source>{address!r}: the port must be a number from 1 to 65535, not {port!r}</source>
        <translation>{address!r} : le port doit être un nombre de 1 à 65535, pas {port!r}</translation>
    </message>
    <message>
        <source>{address!r} is not an address: write [IPv6]:port</source>
        <translation>{address!r} n&apos;est pas une adresse : écrivez [IPv6]:port</translation>
    </message>
    <message>
        <source>{address!r} is not a printer address: type its IP address or host name, e.g. 192.168.1.50 or 192.168.1.50:9100</source>
        <translation>{address!r} n&apos;est pas une adresse d&apos;imprimante : saisissez son adresse IP ou son nom d&apos;hôte, p. ex. 192.168.1.50 ou 192.168.1.50:9100</translation>
    </message>
    <message>
        <source>{text!r} is not an address range: {example}</source>
        <translation>{text!r} n&apos;est pas une plage d&apos;adresses : {example}</translation>
    </message>
    <message>
        <source>{text!r}: both ends must be IPv4 or both IPv6</source>
        <translation>{text!r} : les deux bornes doivent être en IPv4 ou toutes deux en IPv6</translation>
    </message>
    <message>
        <source>{text!r}: the range ends before it starts</source>
        <translation>{text!r} : la plage se termine avant de commencer</translation>
    </message>
    <message>
        <source>{text!r} has {count} addresses; a scan covers at most {most}: type the printers&apos; part of the network, e.g. 192.168.1.0/24</source>
        <translation>{text!r} compte {count} adresses ; une recherche en couvre au plus {most} : saisissez la partie du réseau où sont les imprimantes, p. ex. 192.168.1.0/24</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>prête</translation>
    </message>
    <message>
        <source>no answer to status (may still print)</source>
        <translation>pas de réponse à la demande d&apos;état (peut quand même imprimer)</translation>
    </message>
    <message>
        <source>ready, paper low</source>
        <translation>prête, papier presque épuisé</translation>
    </message>
    <message>
        <source>error ({detail})</source>
        <translation>erreur ({detail})</translation>
    </message>
    <message>
        <source>{address}: {state}</source>
        <translation>{address} : {state}</translation>
    </message>
    <message>
        <source>no answer within {seconds:g} s (is it switched on and connected, and is the address right?)</source>
        <translation>pas de réponse en {seconds:g} s (est-elle allumée et branchée, et l&apos;adresse est-elle juste ?)</translation>
    </message>
    <message>
        <source>{host!r} is not a known host name or IP address</source>
        <translation>{host!r} n&apos;est ni un nom d&apos;hôte connu ni une adresse IP</translation>
    </message>
    <message>
        <source>the connection was refused (is the port right? printers use 9100)</source>
        <translation>la connexion a été refusée (le port est-il juste ? les imprimantes utilisent 9100)</translation>
    </message>
    <message>
        <source>{n} printer found</source>
        <translation>{n} imprimante trouvée</translation>
    </message>
    <message>
        <source>{n} printers found</source>
        <translation>{n} imprimantes trouvées</translation>
    </message>
    <message>
        <source>none found</source>
        <translation>aucune trouvée</translation>
    </message>
    <message>
        <source>scan cancelled after {scanned} of {total} addresses: {found}</source>
        <translation>recherche annulée après {scanned} adresses sur {total} : {found}</translation>
    </message>
    <message>
        <source>no printer answered on port {port} in {range}</source>
        <translation>aucune imprimante n&apos;a répondu sur le port {port} dans {range}</translation>
    </message>
    <message>
        <source>{found} on port {port} in {range}</source>
        <translation>{found} sur le port {port} dans {range}</translation>
    </message>
    <message>
        <source>{model} (any ESC/POS printer)</source>
        <translation>{model} (toute imprimante ESC/POS)</translation>
    </message>
    <message>
        <source>{model} — {mm} mm, {columns} columns</source>
        <translation>{model} — {mm} mm, {columns} colonnes</translation>
    </message>
    <message>
        <source>unknown printer model {name!r} (the models: {known})</source>
        <translation>modèle d&apos;imprimante inconnu {name!r} (les modèles : {known})</translation>
    </message>
</context>
<context>
    <name>AdminArea</name>
    <message>
        <source>Admin</source>
        <translation>Admin</translation>
    </message>
    <message>
        <source>Set-up wizard</source>
        <translation>Assistant d&apos;installation</translation>
    </message>
    <message>
        <source>Pairing and devices</source>
        <translation>Appairage et appareils</translation>
    </message>
    <message>
        <source>Restart KDS now</source>
        <translation>Redémarrer KDS maintenant</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>No admin PIN is set: anyone can open this area. Set one on the set-up wizard&apos;s last page (or with: kds admin set-pin).</source>
        <translation>Aucun code PIN admin : n&apos;importe qui peut ouvrir cet espace. Définissez-en un à la dernière page de l&apos;assistant (ou avec : kds admin set-pin).</translation>
    </message>
    <message>
        <source>Saved to {path}. Restart KDS to use the new settings.</source>
        <translation>Enregistré dans {path}. Redémarrez KDS pour utiliser les nouveaux réglages.</translation>
    </message>
</context>
<context>
    <name>PairingScreen</name>
    <message>
        <source>Pairing and devices</source>
        <translation>Appairage et appareils</translation>
    </message>
    <message>
        <source>New pairing code</source>
        <translation>Nouveau code d&apos;appairage</translation>
    </message>
    <message>
        <source>On the new device, choose “Join as a sub-terminal” in the set-up and type this code. It works once.</source>
        <translation>Sur le nouvel appareil, choisissez « Rejoindre comme sous-terminal » dans l&apos;installation et tapez ce code. Il sert une fois.</translation>
    </message>
    <message>
        <source>Refresh the list</source>
        <translation>Actualiser la liste</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Devices of this kitchen</source>
        <translation>Appareils de cette cuisine</translation>
    </message>
    <message>
        <source>On the new device, choose “Join as a sub-terminal” in the set-up and type this code. It works once, until {time}.</source>
        <translation>Sur le nouvel appareil, choisissez « Rejoindre comme sous-terminal » dans l&apos;installation et tapez ce code. Il sert une fois, jusqu&apos;à {time}.</translation>
    </message>
    <message>
        <source>No code: {reason}</source>
        <translation>Pas de code : {reason}</translation>
    </message>
    <message>
        <source>asking the connector…</source>
        <translation>interrogation du connecteur…</translation>
    </message>
    <message>
        <source>The list is not available: {reason}</source>
        <translation>La liste n&apos;est pas disponible : {reason}</translation>
    </message>
    <message>
        <source>sales-point token</source>
        <translation>jeton du point de vente</translation>
    </message>
    <message>
        <source>own token</source>
        <translation>jeton propre</translation>
    </message>
    <message>
        <source>revoked</source>
        <translation>révoqué</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>connecté</translation>
    </message>
    <message>
        <source>not connected</source>
        <translation>non connecté</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>Révoquer</translation>
    </message>
    <message>
        <source>{n} device(s)</source>
        <translation>{n} appareil(s)</translation>
    </message>
    <message>
        <source>No device has connected yet.</source>
        <translation>Aucun appareil ne s&apos;est encore connecté.</translation>
    </message>
    <message>
        <source>Revoke a device</source>
        <translation>Révoquer un appareil</translation>
    </message>
    <message>
        <source>Revoke the token of {name}? It is disconnected at once and shows “token refused” until it is paired again with a new code.</source>
        <translation>Révoquer le jeton de {name} ? Il est déconnecté tout de suite et affiche « jeton refusé » jusqu’à un nouvel appairage avec un nouveau code.</translation>
    </message>
    <message>
        <source>revoking {name}…</source>
        <translation>révocation de {name}…</translation>
    </message>
    <message>
        <source>{name} not revoked: {reason}</source>
        <translation>{name} non révoqué : {reason}</translation>
    </message>
</context>
<context>
    <name>PinPad</name>
    <message>
        <source>Admin PIN</source>
        <translation>Code PIN admin</translation>
    </message>
    <message>
        <source>Enter the admin PIN</source>
        <translation>Saisissez le code PIN admin</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Too many wrong PINs: try again in {n} s</source>
        <translation>Trop de codes PIN erronés : réessayez dans {n} s</translation>
    </message>
    <message>
        <source>Wrong PIN — {n} tries left</source>
        <translation>Code PIN erroné — encore {n} essais</translation>
    </message>
    <message>
        <source>Too many</source>
        <translation>Trop de</translation>
    </message>
</context>
</TS>
