<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>CountdownRing</name>
    <message numerus="yes">
        <source>%n second(s) until the code changes</source>
        <translation>
            <numerusform>%n second until the code changes</numerusform>
            <numerusform>%n seconds until the code changes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MigrationWindow</name>
    <message numerus="yes">
        <source>%n minute(s) ago</source>
        <translation>
            <numerusform>%n minute ago</numerusform>
            <numerusform>%n minutes ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s) ago</source>
        <translation>
            <numerusform>%n hour ago</numerusform>
            <numerusform>%n hours ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>%n day ago</numerusform>
            <numerusform>%n days ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>about %n second(s) left</source>
        <translation>
            <numerusform>about %n second left</numerusform>
            <numerusform>about %n seconds left</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cognito is slowing the scan down: %n request(s) refused as too many so far. The scan waits and tries again; nobody is skipped.</source>
        <translation>
            <numerusform>Cognito is slowing the scan down: %n request refused as too many so far. The scan waits and tries again; nobody is skipped.</numerusform>
            <numerusform>Cognito is slowing the scan down: %n requests refused as too many so far. The scan waits and tries again; nobody is skipped.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Scan complete: %1 users. Cognito slowed it down: %n request(s) were refused as too many and tried again.</source>
        <translation>
            <numerusform>Scan complete: %1 users. Cognito slowed it down: %n request was refused as too many and tried again.</numerusform>
            <numerusform>Scan complete: %1 users. Cognito slowed it down: %n requests were refused as too many and tried again.</numerusform>
        </translation>
    </message>
</context>
</TS>
