<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>Stockroom::Model</name>
    <message numerus="yes">
        <source>Imported %n row(s).
</source>
        <translation>
            <numerusform>Imported %n row.
</numerusform>
            <numerusform>Imported %n rows.
</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n row(s) to %1.
</source>
        <translation>
            <numerusform>Exported %n row to %1.
</numerusform>
            <numerusform>Exported %n rows to %1.
</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n difference(s)</source>
        <translation>
            <numerusform>%n difference</numerusform>
            <numerusform>%n differences</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>verify found %n difference(s).</source>
        <translation>
            <numerusform>verify found %n difference.</numerusform>
            <numerusform>verify found %n differences.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Expires in %n day(s)</source>
        <translation>
            <numerusform>Expires in %n day</numerusform>
            <numerusform>Expires in %n days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Stockroom::Views::AlertsView</name>
    <message numerus="yes">
        <source>%n alert(s) acknowledged.</source>
        <translation>
            <numerusform>%n alert acknowledged.</numerusform>
            <numerusform>%n alerts acknowledged.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Stockroom::Views::DashboardView</name>
    <message numerus="yes">
        <source>Last %n day(s)</source>
        <translation>
            <numerusform>Last %n day</numerusform>
            <numerusform>Last %n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>item(s) below min</source>
        <translation>
            <numerusform>item below min</numerusform>
            <numerusform>items below min</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Stockroom::Views::MainWindow</name>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>and %n more</numerusform>
            <numerusform>and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new alert(s)</source>
        <translation>
            <numerusform>%n new alert</numerusform>
            <numerusform>%n new alerts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n unit(s)</source>
        <translation>
            <numerusform>, %n unit</numerusform>
            <numerusform>, %n units</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %Ln row(s) from %1.</source>
        <translation>
            <numerusform>Imported %Ln row from %1.</numerusform>
            <numerusform>Imported %Ln rows from %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n scanned line(s) are not posted. They are kept on this workstation and come back when you sign in again.</source>
        <translation>
            <numerusform>%n scanned line is not posted. It is kept on this workstation and comes back when you sign in again.</numerusform>
            <numerusform>%n scanned lines are not posted. They are kept on this workstation and come back when you sign in again.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Stockroom::Views::ReportView</name>
    <message numerus="yes">
        <source>%Ln product(s) had stock or moved in the period.</source>
        <translation>
            <numerusform>%Ln product had stock or moved in the period.</numerusform>
            <numerusform>%Ln products had stock or moved in the period.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Stockroom::Views::ScanPanel</name>
    <message numerus="yes">
        <source>Posted %n movement(s).</source>
        <translation>
            <numerusform>Posted %n movement.</numerusform>
            <numerusform>Posted %n movements.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n scan(s) not posted before are back in the basket.</source>
        <translation>
            <numerusform>%n scan not posted before is back in the basket.</numerusform>
            <numerusform>%n scans not posted before are back in the basket.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n could no longer be taken back in:</source>
        <translation>
            <numerusform>%n could no longer be taken back in:</numerusform>
            <numerusform>%n could no longer be taken back in:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Stockroom::Views::StockView</name>
    <message numerus="yes">
        <source>%Ln row(s) written to %1.</source>
        <translation>
            <numerusform>%Ln row written to %1.</numerusform>
            <numerusform>%Ln rows written to %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Stockroom::Views::StocktakeView</name>
    <message numerus="yes">
        <source>%Ln line(s), %1 differ</source>
        <translation>
            <numerusform>%Ln line, %1 differ</numerusform>
            <numerusform>%Ln lines, %1 differ</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln adjustment(s) posted.</source>
        <translation>
            <numerusform>%Ln adjustment posted.</numerusform>
            <numerusform>%Ln adjustments posted.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln line(s)</source>
        <translation>
            <numerusform>%Ln line</numerusform>
            <numerusform>%Ln lines</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Stockroom::Views::SyncStatus</name>
    <message numerus="yes">
        <source>synced %n min ago</source>
        <translation>
            <numerusform>synced %n min ago</numerusform>
            <numerusform>synced %n min ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n waiting to sync</source>
        <translation>
            <numerusform>%n waiting to sync</numerusform>
            <numerusform>%n waiting to sync</numerusform>
        </translation>
    </message>
</context>
</TS>
