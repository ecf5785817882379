<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>QApplication</name>
    <message>
        <source>Open the stock database</source>
        <translation>재고 데이터베이스 열기</translation>
    </message>
    <message>
        <source>Stockroom</source>
        <translation>Stockroom</translation>
    </message>
    <message>
        <source>Wrong key or not a Stockroom database. Try again.</source>
        <translation>키가 틀렸거나 Stockroom 데이터베이스가 아닙니다. 다시 입력하세요.</translation>
    </message>
    <message>
        <source>The Stockroom workstation.</source>
        <translation>Stockroom 작업용 단말.</translation>
    </message>
    <message>
        <source>The database to open.</source>
        <translation>열 데이터베이스.</translation>
    </message>
    <message>
        <source>Stockroom databases (*.db)</source>
        <translation>Stockroom 데이터베이스 (*.db)</translation>
    </message>
    <message>
        <source>The language of the window, e.g. ko or en (default: the setting, else the system&apos;s).</source>
        <translation>창의 언어(예: ko, en). 기본값은 설정값, 없으면 시스템 언어입니다.</translation>
    </message>
    <message>
        <source>It will be asked for again next time.</source>
        <translation>다음에 다시 입력해야 합니다.</translation>
    </message>
    <message>
        <source>the key store did not answer</source>
        <translation>키 저장소가 응답하지 않았습니다</translation>
    </message>
    <message>
        <source>this desktop has no key store</source>
        <translation>이 데스크톱에는 키 저장소가 없습니다</translation>
    </message>
    <message>
        <source>the key store refused access</source>
        <translation>키 저장소가 접근을 거부했습니다</translation>
    </message>
    <message>
        <source>The key could not be kept in the system key store: %1.</source>
        <translation>키를 시스템 키 저장소에 보관하지 못했습니다: %1.</translation>
    </message>
    <message>
        <source>Open a stock database, or create a new one?</source>
        <translation>재고 데이터베이스를 열까요, 새로 만들까요?</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>열기(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Create new…</source>
        <translation>새로 만들기(&amp;C)…</translation>
    </message>
    <message>
        <source>Create a stock database</source>
        <translation>재고 데이터베이스 만들기</translation>
    </message>
    <message>
        <source>Stockroom: database not found</source>
        <translation>Stockroom: 데이터베이스를 찾을 수 없음</translation>
    </message>
    <message>
        <source>The stock database %1 is not there: it may have been moved or deleted, or be on a drive that is not connected.

Open another one, or create a new one?</source>
        <translation>재고 데이터베이스 %1이(가) 없습니다. 옮겨졌거나 삭제되었거나, 연결되지 않은 드라이브에 있을 수 있습니다.

다른 데이터베이스를 열까요, 새로 만들까요?</translation>
    </message>
</context>
<context>
    <name>Stockroom::AlertModel</name>
    <message>
        <source>Below min</source>
        <translation>최소 미달</translation>
    </message>
    <message>
        <source>Above max</source>
        <translation>최대 초과</translation>
    </message>
    <message>
        <source>Reorder</source>
        <translation>재주문</translation>
    </message>
    <message>
        <source>Negative stock</source>
        <translation>마이너스 재고</translation>
    </message>
    <message>
        <source>Expiring</source>
        <translation>유효기한 임박</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>유효기한 경과</translation>
    </message>
    <message>
        <source>All</source>
        <translation>전체</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>알림</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>품목</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>창고</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>수량</translation>
    </message>
    <message>
        <source>Limit</source>
        <translation>기준</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>로트</translation>
    </message>
    <message>
        <source>Expiry</source>
        <translation>유효기한</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>확인함</translation>
    </message>
</context>
<context>
    <name>Stockroom::Model</name>
    <message>
        <source>record movements</source>
        <translation>입출고 기록</translation>
    </message>
    <message>
        <source>adjust stock</source>
        <translation>재고 조정</translation>
    </message>
    <message>
        <source>edit products and locations</source>
        <translation>품목·위치 수정</translation>
    </message>
    <message>
        <source>edit thresholds</source>
        <translation>기준 수량 수정</translation>
    </message>
    <message>
        <source>acknowledge alerts</source>
        <translation>알림 확인</translation>
    </message>
    <message>
        <source>manage users</source>
        <translation>사용자 관리</translation>
    </message>
    <message>
        <source>change settings</source>
        <translation>설정 변경</translation>
    </message>
    <message>
        <source>Sign in to %1.</source>
        <translation>%1을(를) 하려면 로그인하세요.</translation>
    </message>
    <message>
        <source>%1 (%2) may not %3.</source>
        <translation>%1(%2)에게는 %3 권한이 없습니다.</translation>
    </message>
    <message>
        <source>The period is not valid: it must start on or before the day it ends.</source>
        <translation>기간이 올바르지 않습니다. 시작일은 종료일과 같거나 그 전이어야 합니다.</translation>
    </message>
    <message>
        <source>A barcode must not be empty.</source>
        <translation>바코드가 비어 있으면 안 됩니다.</translation>
    </message>
    <message>
        <source>The barcode %1 contains a character that cannot be printed.</source>
        <translation>바코드 %1에 인쇄할 수 없는 문자가 있습니다.</translation>
    </message>
    <message>
        <source>The check digit of %1 is wrong: it should be %2.</source>
        <translation>%1의 체크 디지트가 틀렸습니다. %2이어야 합니다.</translation>
    </message>
    <message>
        <source>Product %1 does not exist.</source>
        <translation>품목 %1이(가) 없습니다.</translation>
    </message>
    <message>
        <source>No product has the SKU %1.</source>
        <translation>SKU가 %1인 품목이 없습니다.</translation>
    </message>
    <message>
        <source>Unknown barcode %1</source>
        <translation>알 수 없는 바코드 %1</translation>
    </message>
    <message>
        <source>Scan a barcode or type a SKU.</source>
        <translation>바코드를 스캔하거나 SKU를 입력하세요.</translation>
    </message>
    <message>
        <source>Unknown barcode or SKU %1</source>
        <translation>알 수 없는 바코드 또는 SKU %1</translation>
    </message>
    <message>
        <source>Location %1 does not exist.</source>
        <translation>위치 %1이(가) 없습니다.</translation>
    </message>
    <message>
        <source>Unknown location %1</source>
        <translation>알 수 없는 위치 %1</translation>
    </message>
    <message>
        <source>Lot %1 does not exist.</source>
        <translation>로트 %1이(가) 없습니다.</translation>
    </message>
    <message>
        <source>User %1 does not exist.</source>
        <translation>사용자 %1이(가) 없습니다.</translation>
    </message>
    <message>
        <source>There is no user %1.</source>
        <translation>사용자 %1이(가) 없습니다.</translation>
    </message>
    <message>
        <source>The barcode %1 is already in use.</source>
        <translation>바코드 %1은(는) 이미 사용 중입니다.</translation>
    </message>
    <message>
        <source>path</source>
        <translation>경로</translation>
    </message>
    <message>
        <source>Read the database key from this file (else STOCKROOM_DB_KEY, else a prompt).</source>
        <translation>이 파일에서 데이터베이스 키를 읽습니다(없으면 STOCKROOM_DB_KEY, 그것도 없으면 입력 요청).</translation>
    </message>
    <message>
        <source>Give the database with --db.</source>
        <translation>--db로 데이터베이스를 지정하세요.</translation>
    </message>
    <message>
        <source>Key for %1: </source>
        <translation>%1의 키: </translation>
    </message>
    <message>
        <source>Changed two ways</source>
        <translation>양쪽에서 다르게 변경됨</translation>
    </message>
    <message>
        <source>Stock below zero</source>
        <translation>재고가 0 미만</translation>
    </message>
    <message>
        <source>Count against old stock</source>
        <translation>이전 재고 기준 실사</translation>
    </message>
    <message>
        <source>Refused by the server</source>
        <translation>서버가 거부함</translation>
    </message>
    <message>
        <source>%1 in %2</source>
        <translation>%2의 %1</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation>%2의 %1</translation>
    </message>
    <message>
        <source>, lot %1</source>
        <translation>, 로트 %1</translation>
    </message>
    <message>
        <source>Movement %1</source>
        <translation>입출고 %1</translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation>충돌</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>대상</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>항목</translation>
    </message>
    <message>
        <source>Was</source>
        <translation>이전 값</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>서버</translation>
    </message>
    <message>
        <source>This workstation</source>
        <translation>이 단말</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>내용</translation>
    </message>
    <message>
        <source>When</source>
        <translation>시각</translation>
    </message>
    <message>
        <source>There is no conflict %1.</source>
        <translation>충돌 %1이(가) 없습니다.</translation>
    </message>
    <message>
        <source>This conflict was resolved already, here or by someone else.</source>
        <translation>이 충돌은 이미 해결되었습니다(이 단말 또는 다른 사람이 처리).</translation>
    </message>
    <message>
        <source>This database does not sync with a server, which decides this conflict.</source>
        <translation>이 데이터베이스는 서버와 동기화하지 않으므로 이 충돌을 결정할 수 없습니다. 서버에서 결정합니다.</translation>
    </message>
    <message>
        <source>Line %1, column %2: text after a closing quote.</source>
        <translation>%1행 %2열: 닫는 따옴표 뒤에 글자가 있습니다.</translation>
    </message>
    <message>
        <source>Line %1: a quoted field is never closed.</source>
        <translation>%1행: 따옴표로 시작한 필드가 닫히지 않았습니다.</translation>
    </message>
    <message>
        <source>Cannot write the CSV file: %1</source>
        <translation>CSV 파일을 쓸 수 없습니다: %1</translation>
    </message>
    <message>
        <source>a value is needed</source>
        <translation>값이 필요합니다</translation>
    </message>
    <message>
        <source>write yes or no</source>
        <translation>yes 또는 no로 쓰세요</translation>
    </message>
    <message>
        <source>write warehouse, zone or bin</source>
        <translation>warehouse, zone, bin 중 하나로 쓰세요</translation>
    </message>
    <message>
        <source>the location code %1 is already in use</source>
        <translation>위치 코드 %1은(는) 이미 사용 중입니다</translation>
    </message>
    <message>
        <source>a warehouse has no parent</source>
        <translation>창고에는 상위 위치가 없습니다</translation>
    </message>
    <message>
        <source>a zone or bin needs a parent</source>
        <translation>구역이나 빈에는 상위 위치가 필요합니다</translation>
    </message>
    <message>
        <source>%1 is tracked by lot: give the lot</source>
        <translation>%1은(는) 로트 관리 품목입니다. 로트를 입력하세요</translation>
    </message>
    <message>
        <source>%1 is not tracked by lot</source>
        <translation>%1은(는) 로트 관리 품목이 아닙니다</translation>
    </message>
    <message>
        <source>write the date as YYYY-MM-DD, not %1</source>
        <translation>날짜는 %1이 아니라 YYYY-MM-DD 형식으로 쓰세요</translation>
    </message>
    <message>
        <source>lot %1 already expires on %2</source>
        <translation>로트 %1의 유효기한은 이미 %2입니다</translation>
    </message>
    <message>
        <source>a whole number greater than zero is needed, not &quot;%1&quot;</source>
        <translation>&quot;%1&quot;이 아니라 0보다 큰 정수가 필요합니다</translation>
    </message>
    <message>
        <source>opening stock</source>
        <translation>기초 재고</translation>
    </message>
    <message>
        <source>The file is empty: line 1 must name the columns.</source>
        <translation>파일이 비어 있습니다. 1행에 열 이름이 있어야 합니다.</translation>
    </message>
    <message>
        <source>Line 1, column %1: unknown column &quot;%2&quot;; the columns are %3.</source>
        <translation>1행 %1열: 알 수 없는 열 &quot;%2&quot;. 사용할 수 있는 열: %3.</translation>
    </message>
    <message>
        <source>Line 1: the column &quot;%1&quot; is missing.</source>
        <translation>1행: &quot;%1&quot; 열이 없습니다.</translation>
    </message>
    <message>
        <source>%1 fields where the header has %2</source>
        <translation>머리글은 %2개인데 필드가 %1개입니다</translation>
    </message>
    <message>
        <source>Line %1: %2</source>
        <translation>%1행: %2</translation>
    </message>
    <message>
        <source>Line %1, column %2: %3</source>
        <translation>%1행 %2열: %3</translation>
    </message>
    <message>
        <source> (and %1 more; nothing was imported)</source>
        <translation> (외 %1건. 아무것도 가져오지 않았습니다)</translation>
    </message>
    <message>
        <source> (nothing was imported)</source>
        <translation> (아무것도 가져오지 않았습니다)</translation>
    </message>
    <message>
        <source>%1 already exists.</source>
        <translation>%1이(가) 이미 있습니다.</translation>
    </message>
    <message>
        <source>The new key must not be empty.</source>
        <translation>새 키가 비어 있으면 안 됩니다.</translation>
    </message>
    <message>
        <source>Cannot change the key inside a transaction.</source>
        <translation>트랜잭션 중에는 키를 바꿀 수 없습니다.</translation>
    </message>
    <message>
        <source>The database is not open.</source>
        <translation>데이터베이스가 열려 있지 않습니다.</translation>
    </message>
    <message>
        <source>Cannot change the key: %1</source>
        <translation>키를 바꿀 수 없습니다: %1</translation>
    </message>
    <message>
        <source>Cannot start a transaction: %1</source>
        <translation>트랜잭션을 시작할 수 없습니다: %1</translation>
    </message>
    <message>
        <source>No transaction is open.</source>
        <translation>열린 트랜잭션이 없습니다.</translation>
    </message>
    <message>
        <source>Nothing was saved: %1</source>
        <translation>아무것도 저장되지 않았습니다: %1</translation>
    </message>
    <message>
        <source>Cannot commit: %1</source>
        <translation>저장을 확정할 수 없습니다: %1</translation>
    </message>
    <message>
        <source>An earlier step of this transaction failed; it will be rolled back.</source>
        <translation>이 트랜잭션의 앞 단계가 실패하여 전체를 되돌립니다.</translation>
    </message>
    <message>
        <source>a step failed after it had started writing</source>
        <translation>기록을 시작한 뒤 한 단계가 실패했습니다</translation>
    </message>
    <message>
        <source>The transaction is already closed.</source>
        <translation>트랜잭션이 이미 끝났습니다.</translation>
    </message>
    <message>
        <source>The date %1 has no month %2.</source>
        <translation>날짜 %1에는 %2월이 없습니다.</translation>
    </message>
    <message>
        <source>The date %1 does not exist.</source>
        <translation>%1은(는) 없는 날짜입니다.</translation>
    </message>
    <message>
        <source>The GS1 label holds no data.</source>
        <translation>GS1 라벨에 데이터가 없습니다.</translation>
    </message>
    <message>
        <source>Unknown GS1 application identifier at character %1: &quot;%2&quot;.</source>
        <translation>%1번째 글자에 알 수 없는 GS1 AI가 있습니다: &quot;%2&quot;.</translation>
    </message>
    <message>
        <source>GS1 field (%1) must hold 1 to %2 characters, not %3.</source>
        <translation>GS1 필드 (%1)은(는) 1~%2자여야 합니다. 현재 %3자입니다.</translation>
    </message>
    <message>
        <source>GS1 field (%1) is cut short: %2 characters, not %3.</source>
        <translation>GS1 필드 (%1)이(가) 잘렸습니다. %3자여야 하는데 %2자입니다.</translation>
    </message>
    <message>
        <source>GS1 field (%1) must be digits, not &quot;%2&quot;.</source>
        <translation>GS1 필드 (%1)은(는) 숫자여야 합니다. &quot;%2&quot;은(는) 안 됩니다.</translation>
    </message>
    <message>
        <source>GS1 field (%1) appears twice in one label.</source>
        <translation>GS1 필드 (%1)이(가) 한 라벨에 두 번 나옵니다.</translation>
    </message>
    <message>
        <source>The GTIN %1 has a wrong check digit.</source>
        <translation>GTIN %1의 체크 디지트가 틀렸습니다.</translation>
    </message>
    <message>
        <source>A GS1 label gives a count only once (30 or 37).</source>
        <translation>GS1 라벨의 수량(30 또는 37)은 한 번만 쓸 수 있습니다.</translation>
    </message>
    <message>
        <source>stock of product %1 at location %2, lot %3</source>
        <translation>위치 %2, 로트 %3의 품목 %1 재고</translation>
    </message>
    <message>
        <source>daily %1 of product %2 in warehouse %3 on day %4</source>
        <translation>창고 %3의 품목 %2 일별 %1 (%4일차)</translation>
    </message>
    <message>
        <source>quantity %1, version %2</source>
        <translation>수량 %1, 버전 %2</translation>
    </message>
    <message>
        <source>in %1, out %2, lines %3</source>
        <translation>입고 %1, 출고 %2, %3줄</translation>
    </message>
    <message>
        <source>movement seq %1</source>
        <translation>원장 순번 %1</translation>
    </message>
    <message>
        <source>no row</source>
        <translation>행 없음</translation>
    </message>
    <message>
        <source>total of product %1 in warehouse %2</source>
        <translation>창고 %2의 품목 %1 합계</translation>
    </message>
    <message>
        <source>%1 must not be empty.</source>
        <translation>%1은(는) 비워 둘 수 없습니다.</translation>
    </message>
    <message>
        <source>%1 is longer than %2 characters.</source>
        <translation>%1이(가) %2자를 넘습니다.</translation>
    </message>
    <message>
        <source>This workstation syncs with a server: change locations there.</source>
        <translation>이 단말은 서버와 동기화합니다. 위치는 서버에서 변경하세요.</translation>
    </message>
    <message>
        <source>Someone else changed this %1 since you opened it (version %2, now %3). Choose which values to keep.</source>
        <translation>이 %1을(를) 연 뒤에 다른 사람이 변경했습니다(버전 %2 → 현재 %3). 어느 값을 남길지 선택하세요.</translation>
    </message>
    <message>
        <source>That value is already used by another %1.</source>
        <translation>그 값은 이미 다른 %1에서 사용 중입니다.</translation>
    </message>
    <message>
        <source>The SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>The product name</source>
        <translation>품목명</translation>
    </message>
    <message>
        <source>The unit of measure</source>
        <translation>단위</translation>
    </message>
    <message>
        <source>A product with SKU %1 already exists.</source>
        <translation>SKU가 %1인 품목이 이미 있습니다.</translation>
    </message>
    <message>
        <source>The location code</source>
        <translation>위치 코드</translation>
    </message>
    <message>
        <source>The location name</source>
        <translation>위치 이름</translation>
    </message>
    <message>
        <source>A warehouse has no parent; every other location has one.</source>
        <translation>창고에는 상위 위치가 없고, 다른 위치에는 모두 상위 위치가 있습니다.</translation>
    </message>
    <message>
        <source>A bin cannot contain other locations.</source>
        <translation>빈 안에는 다른 위치를 둘 수 없습니다.</translation>
    </message>
    <message>
        <source>A zone belongs directly to a warehouse.</source>
        <translation>구역은 창고 바로 아래에 있어야 합니다.</translation>
    </message>
    <message>
        <source>The location code %1 is already in use.</source>
        <translation>위치 코드 %1은(는) 이미 사용 중입니다.</translation>
    </message>
    <message>
        <source>The minimum cannot be above the maximum.</source>
        <translation>최소 수량이 최대 수량보다 클 수 없습니다.</translation>
    </message>
    <message>
        <source>%1 is not a warehouse.</source>
        <translation>%1은(는) 창고가 아닙니다.</translation>
    </message>
    <message>
        <source>Someone else changed this threshold since you opened it. Choose which values to keep.</source>
        <translation>이 기준 수량을 연 뒤에 다른 사람이 변경했습니다. 어느 값을 남길지 선택하세요.</translation>
    </message>
    <message>
        <source>counted %1. %2</source>
        <translation>실사 %1. %2</translation>
    </message>
    <message>
        <source>The quantity must be greater than zero.</source>
        <translation>수량은 0보다 커야 합니다.</translation>
    </message>
    <message>
        <source>The quantity %1 is larger than Stockroom accepts.</source>
        <translation>수량 %1은(는) Stockroom이 처리할 수 있는 범위를 넘습니다.</translation>
    </message>
    <message>
        <source>%1 lot %2 at %3</source>
        <translation>%3의 %1 로트 %2</translation>
    </message>
    <message>
        <source>A transfer needs two different locations.</source>
        <translation>이동에는 서로 다른 두 위치가 필요합니다.</translation>
    </message>
    <message>
        <source>An adjustment cannot be zero.</source>
        <translation>조정 수량은 0일 수 없습니다.</translation>
    </message>
    <message>
        <source>An adjustment needs a reason.</source>
        <translation>조정에는 사유가 필요합니다.</translation>
    </message>
    <message>
        <source>A counted quantity must be zero or more.</source>
        <translation>실사 수량은 0 이상이어야 합니다.</translation>
    </message>
    <message>
        <source>The counted-against stock is out of range.</source>
        <translation>실사 기준 재고가 범위를 벗어났습니다.</translation>
    </message>
    <message>
        <source>Lot %1 already expires on %2, not on %3.</source>
        <translation>로트 %1의 유효기한은 %3이 아니라 %2입니다.</translation>
    </message>
    <message>
        <source>no date</source>
        <translation>날짜 없음</translation>
    </message>
    <message>
        <source>There is no lot %1 of this product.</source>
        <translation>이 품목에는 로트 %1이(가) 없습니다.</translation>
    </message>
    <message>
        <source>Product %1 is archived; it cannot move.</source>
        <translation>품목 %1은(는) 보관 처리되어 입출고할 수 없습니다.</translation>
    </message>
    <message>
        <source>Location %1 is archived; nothing can move there.</source>
        <translation>위치 %1은(는) 보관 처리되어 입출고할 수 없습니다.</translation>
    </message>
    <message>
        <source>Product %1 is tracked by lot: give the lot.</source>
        <translation>품목 %1은(는) 로트 관리 품목입니다. 로트를 입력하세요.</translation>
    </message>
    <message>
        <source>Product %1 is not tracked by lot.</source>
        <translation>품목 %1은(는) 로트 관리 품목이 아닙니다.</translation>
    </message>
    <message>
        <source>Only %1 %2 of %3 in stock; %4 cannot be taken.</source>
        <translation>%3의 재고는 %1 %2뿐이라 %4을(를) 출고할 수 없습니다.</translation>
    </message>
    <message>
        <source>Say why the movement is reversed.</source>
        <translation>취소 사유를 입력하세요.</translation>
    </message>
    <message>
        <source>Movement %1 was reversed already.</source>
        <translation>입출고 %1은(는) 이미 취소되었습니다.</translation>
    </message>
    <message>
        <source>There is no movement %1.</source>
        <translation>입출고 %1이(가) 없습니다.</translation>
    </message>
    <message>
        <source>Nothing to reverse: the movement changed no stock.</source>
        <translation>취소할 것이 없습니다. 이 입출고는 재고를 바꾸지 않았습니다.</translation>
    </message>
    <message>
        <source>Cannot read the key file %1: %2</source>
        <translation>키 파일 %1을(를) 읽을 수 없습니다: %2</translation>
    </message>
    <message>
        <source>The key file %1 is empty.</source>
        <translation>키 파일 %1이(가) 비어 있습니다.</translation>
    </message>
    <message>
        <source>The report could not be written: %1</source>
        <translation>보고서를 쓸 수 없습니다: %1</translation>
    </message>
    <message>
        <source>A password needs at least 8 characters.</source>
        <translation>비밀번호는 8자 이상이어야 합니다.</translation>
    </message>
    <message>
        <source>The password library failed to start.</source>
        <translation>비밀번호 라이브러리를 시작하지 못했습니다.</translation>
    </message>
    <message>
        <source>Not enough memory to hash the password.</source>
        <translation>비밀번호를 해시할 메모리가 부족합니다.</translation>
    </message>
    <message>
        <source>The scan was empty.</source>
        <translation>스캔한 내용이 없습니다.</translation>
    </message>
    <message>
        <source>This GS1 label names no product (no GTIN, AI 01).</source>
        <translation>이 GS1 라벨에는 품목 정보(GTIN, AI 01)가 없습니다.</translation>
    </message>
    <message>
        <source>That is where the goods come from; scan where they go.</source>
        <translation>그곳은 출발 위치입니다. 도착 위치를 스캔하세요.</translation>
    </message>
    <message>
        <source>To %1</source>
        <translation>도착 %1</translation>
    </message>
    <message>
        <source>Post or cancel the scanned items before changing the location.</source>
        <translation>위치를 바꾸기 전에 스캔한 품목을 등록하거나 취소하세요.</translation>
    </message>
    <message>
        <source>From %1</source>
        <translation>출발 %1</translation>
    </message>
    <message>
        <source>At %1</source>
        <translation>위치 %1</translation>
    </message>
    <message>
        <source>Scan a location label first.</source>
        <translation>먼저 위치 라벨을 스캔하세요.</translation>
    </message>
    <message>
        <source>Scan the location the goods go to.</source>
        <translation>물건이 갈 위치를 스캔하세요.</translation>
    </message>
    <message>
        <source>%1 is archived and cannot be moved.</source>
        <translation>%1은(는) 보관 처리되어 입출고할 수 없습니다.</translation>
    </message>
    <message>
        <source>The label&apos;s count is zero.</source>
        <translation>라벨의 수량이 0입니다.</translation>
    </message>
    <message>
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <source>count by scanning</source>
        <translation>스캔 실사</translation>
    </message>
    <message>
        <source>Unknown scan mode.</source>
        <translation>알 수 없는 스캔 모드입니다.</translation>
    </message>
    <message>
        <source>Nothing scanned to post.</source>
        <translation>등록할 스캔 내용이 없습니다.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Migration to schema version %1 failed: %2</source>
        <translation>스키마 버전 %1(으)로 변환하지 못했습니다: %2</translation>
    </message>
    <message>
        <source>This database has schema version %1, but this Stockroom only knows up to %2. Update Stockroom to open it.</source>
        <translation>이 데이터베이스는 스키마 버전 %1이지만 이 Stockroom은 %2까지만 지원합니다. Stockroom을 업데이트한 뒤 여세요.</translation>
    </message>
    <message>
        <source>The ledger could not be written: %1</source>
        <translation>원장을 기록할 수 없습니다: %1</translation>
    </message>
    <message>
        <source>The stock of product %1 at location %2 changed while it was being written.</source>
        <translation>위치 %2의 품목 %1 재고가 기록 도중에 바뀌었습니다.</translation>
    </message>
    <message>
        <source>Movement %1 is already in the ledger.</source>
        <translation>입출고 %1은(는) 이미 원장에 있습니다.</translation>
    </message>
    <message>
        <source>A movement has one or two lines.</source>
        <translation>입출고는 한 줄 또는 두 줄입니다.</translation>
    </message>
    <message>
        <source>A movement needs an id, a device and a time.</source>
        <translation>입출고에는 ID, 단말, 시각이 필요합니다.</translation>
    </message>
    <message>
        <source>Below min</source>
        <translation>최소 미달</translation>
    </message>
    <message>
        <source>Above max</source>
        <translation>최대 초과</translation>
    </message>
    <message>
        <source>Negative</source>
        <translation>마이너스</translation>
    </message>
    <message>
        <source>The export could not be written: %1</source>
        <translation>내보내기 파일을 쓸 수 없습니다: %1</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>단위</translation>
    </message>
    <message>
        <source>The export was cancelled; no file was written.</source>
        <translation>내보내기를 취소했습니다. 파일은 만들어지지 않았습니다.</translation>
    </message>
    <message>
        <source>%1%2 of this is not yet synced with the server</source>
        <translation>이 중 %1%2은(는) 아직 서버와 동기화되지 않았습니다</translation>
    </message>
    <message>
        <source>%1 in this warehouse</source>
        <translation>이 창고에 %1</translation>
    </message>
    <message>
        <source>Choose the location to count first.</source>
        <translation>먼저 실사할 위치를 선택하세요.</translation>
    </message>
    <message>
        <source>%1 is not inside %2, the location being counted.</source>
        <translation>%1은(는) 실사 중인 위치 %2 안에 있지 않습니다.</translation>
    </message>
    <message>
        <source>Counting at %1</source>
        <translation>%1에서 실사 중</translation>
    </message>
    <message>
        <source>Scan the label of the place inside %1 where this item is.</source>
        <translation>이 품목이 있는 %1 안의 위치 라벨을 스캔하세요.</translation>
    </message>
    <message>
        <source>%1 is tracked by lot: scan its GS1 label.</source>
        <translation>%1은(는) 로트 관리 품목입니다. GS1 라벨을 스캔하세요.</translation>
    </message>
    <message>
        <source>%1 × %2 at %3</source>
        <translation>%3: %1 × %2</translation>
    </message>
    <message>
        <source>Say why the stock is adjusted.</source>
        <translation>재고를 조정하는 사유를 입력하세요.</translation>
    </message>
    <message>
        <source>stocktake of %1</source>
        <translation>%1 재고 실사</translation>
    </message>
    <message>
        <source>%1 at %2: %3</source>
        <translation>%2의 %1: %3</translation>
    </message>
    <message>
        <source>The stocktake was not posted; nothing changed.</source>
        <translation>재고 실사를 등록하지 않았습니다. 바뀐 것은 없습니다.</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>담당자</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>관리자</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>시스템 관리자</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>입고</translation>
    </message>
    <message>
        <source>Issue</source>
        <translation>출고</translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation>이동</translation>
    </message>
    <message>
        <source>Adjustment</source>
        <translation>조정</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>실사</translation>
    </message>
    <message>
        <source>This database already has users.</source>
        <translation>이 데이터베이스에는 이미 사용자가 있습니다.</translation>
    </message>
    <message>
        <source>A user name has 2 to 32 letters, digits, dots, dashes or underscores.</source>
        <translation>사용자 이름은 영문자, 숫자, 마침표, 하이픈, 밑줄로 2~32자입니다.</translation>
    </message>
    <message>
        <source>The user %1 already exists.</source>
        <translation>사용자 %1이(가) 이미 있습니다.</translation>
    </message>
    <message>
        <source>Wrong user name or password.</source>
        <translation>사용자 이름 또는 비밀번호가 틀렸습니다.</translation>
    </message>
    <message>
        <source>The user %1 is disabled.</source>
        <translation>사용자 %1은(는) 사용 중지되었습니다.</translation>
    </message>
    <message>
        <source>Operation %1 refers to a movement the ledger does not hold.</source>
        <translation>작업 %1이(가) 원장에 없는 입출고를 가리킵니다.</translation>
    </message>
    <message>
        <source>The server sent location %1 without its parent.</source>
        <translation>서버가 상위 위치 없이 위치 %1을(를) 보냈습니다.</translation>
    </message>
    <message>
        <source>The server sent movement %1 with an unknown type or user.</source>
        <translation>서버가 알 수 없는 유형이나 사용자의 입출고 %1을(를) 보냈습니다.</translation>
    </message>
    <message>
        <source>The server sent movement %1 for an unknown product.</source>
        <translation>서버가 알 수 없는 품목의 입출고 %1을(를) 보냈습니다.</translation>
    </message>
    <message>
        <source>The server stopped answering.</source>
        <translation>서버가 응답하지 않습니다.</translation>
    </message>
    <message>
        <source>The server sent an unreadable message: %1</source>
        <translation>서버가 읽을 수 없는 메시지를 보냈습니다: %1</translation>
    </message>
    <message>
        <source>The server has %1 operations from this workstation, but its database holds only %2: it was restored from an older copy. Join the server again with a new database.</source>
        <translation>서버는 이 단말의 작업 %1건을 받았지만 데이터베이스에는 %2건만 있습니다. 서버가 이전 백업으로 복원된 것입니다. 새 데이터베이스로 서버에 다시 가입하세요.</translation>
    </message>
    <message>
        <source>A token needs a name.</source>
        <translation>토큰에는 이름이 필요합니다.</translation>
    </message>
    <message>
        <source>There is no warehouse %1.</source>
        <translation>창고 %1이(가) 없습니다.</translation>
    </message>
    <message>
        <source>The random number generator is not available.</source>
        <translation>난수 생성기를 사용할 수 없습니다.</translation>
    </message>
    <message>
        <source>A token named %1 exists already.</source>
        <translation>이름이 %1인 토큰이 이미 있습니다.</translation>
    </message>
    <message>
        <source>Token %1 names warehouse %2, which no longer exists.</source>
        <translation>토큰 %1에 지정된 창고 %2이(가) 더 이상 없습니다.</translation>
    </message>
    <message>
        <source>There is no active token named %1.</source>
        <translation>이름이 %1인 유효한 토큰이 없습니다.</translation>
    </message>
    <message>
        <source>The database file.</source>
        <translation>데이터베이스 파일.</translation>
    </message>
    <message>
        <source>Act as this user (default: STOCKROOM_USER, else admin).</source>
        <translation>이 사용자로 실행합니다(기본값: STOCKROOM_USER, 없으면 admin).</translation>
    </message>
    <message>
        <source>name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>The time zone that days are counted in.</source>
        <translation>날짜를 나누는 기준 시간대.</translation>
    </message>
    <message>
        <source>IANA id</source>
        <translation>IANA ID</translation>
    </message>
    <message>
        <source>Unknown time zone %1.</source>
        <translation>알 수 없는 시간대 %1.</translation>
    </message>
    <message>
        <source>The database file to create.</source>
        <translation>만들 데이터베이스 파일.</translation>
    </message>
    <message>
        <source>Read the new key from this file.</source>
        <translation>이 파일에서 새 키를 읽습니다.</translation>
    </message>
    <message>
        <source>The first admin&apos;s user name.</source>
        <translation>첫 시스템 관리자의 사용자 이름.</translation>
    </message>
    <message>
        <source>Read the admin&apos;s password from this file (else STOCKROOM_ADMIN_PASSWORD, else a prompt).</source>
        <translation>이 파일에서 시스템 관리자 비밀번호를 읽습니다(없으면 STOCKROOM_ADMIN_PASSWORD, 그것도 없으면 입력 요청).</translation>
    </message>
    <message>
        <source>Creates an encrypted Stockroom database.</source>
        <translation>암호화된 Stockroom 데이터베이스를 만듭니다.</translation>
    </message>
    <message>
        <source>Give the database to create with --db.</source>
        <translation>만들 데이터베이스를 --db로 지정하세요.</translation>
    </message>
    <message>
        <source>Password for the admin: </source>
        <translation>시스템 관리자 비밀번호: </translation>
    </message>
    <message>
        <source>Created %1 (SQLCipher %2), admin %3.
</source>
        <translation>%1을(를) 만들었습니다(SQLCipher %2), 관리자 %3.
</translation>
    </message>
    <message>
        <source>How many products.</source>
        <translation>품목 수.</translation>
    </message>
    <message>
        <source>n</source>
        <translation>n</translation>
    </message>
    <message>
        <source>How many movements.</source>
        <translation>입출고 건수.</translation>
    </message>
    <message>
        <source>Over how many days.</source>
        <translation>기간(일).</translation>
    </message>
    <message>
        <source>Bins each product lives in, per warehouse.</source>
        <translation>창고별로 품목마다 쓰는 빈 수.</translation>
    </message>
    <message>
        <source>The last day of the period (default today).</source>
        <translation>기간의 마지막 날(기본값: 오늘).</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>YYYY-MM-DD</translation>
    </message>
    <message>
        <source>The random seed.</source>
        <translation>난수 시드.</translation>
    </message>
    <message>
        <source>Creates a database filled with deterministic demo data.</source>
        <translation>항상 같은 데모 데이터로 채운 데이터베이스를 만듭니다.</translation>
    </message>
    <message>
        <source>--products, --movements, --days, --home-bins and --seed take positive whole numbers.</source>
        <translation>--products, --movements, --days, --home-bins, --seed에는 양의 정수를 쓰세요.</translation>
    </message>
    <message>
        <source>Write --last-day as YYYY-MM-DD.</source>
        <translation>--last-day는 YYYY-MM-DD 형식으로 쓰세요.</translation>
    </message>
    <message>
        <source>Demo database %1: %2 products, %3 locations, %4 ledger lines, in %5 s.
Sign in as %6 (admin), %7 (manager) or %8 (clerk), password &quot;%9&quot;.
</source>
        <translation>데모 데이터베이스 %1: 품목 %2개, 위치 %3개, 원장 %4줄, %5초 소요.
%6(시스템 관리자), %7(관리자), %8(담당자)로 로그인하세요. 비밀번호는 &quot;%9&quot;입니다.
</translation>
    </message>
    <message>
        <source>products, locations or stock.</source>
        <translation>products, locations, stock 중 하나.</translation>
    </message>
    <message>
        <source>table</source>
        <translation>테이블</translation>
    </message>
    <message>
        <source>The CSV file, or - for standard input.</source>
        <translation>CSV 파일(표준 입력은 -).</translation>
    </message>
    <message>
        <source>Imports a CSV file; all of it, or nothing.</source>
        <translation>CSV 파일을 가져옵니다. 전부 가져오거나 하나도 가져오지 않습니다.</translation>
    </message>
    <message>
        <source>Give --table products, locations or stock.</source>
        <translation>--table에 products, locations, stock 중 하나를 지정하세요.</translation>
    </message>
    <message>
        <source>Give one CSV file to import.</source>
        <translation>가져올 CSV 파일을 하나 지정하세요.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1을(를) 읽을 수 없습니다: %2</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n row(s).
</source>
        <translation>
            <numerusform>%n행을 가져왔습니다.
</numerusform>
        </translation>
    </message>
    <message>
        <source>The file to write (default: standard output).</source>
        <translation>쓸 파일(기본값: 표준 출력).</translation>
    </message>
    <message>
        <source>Exports a table as RFC 4180 CSV.</source>
        <translation>테이블을 RFC 4180 CSV로 내보냅니다.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1에 쓸 수 없습니다: %2</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n row(s) to %1.
</source>
        <translation>
            <numerusform>%1(으)로 %n행을 내보냈습니다.
</numerusform>
        </translation>
    </message>
    <message>
        <source>DIFFERS %1: the ledger says %2, stored is %3
</source>
        <translation>불일치 %1: 원장 기준 %2, 저장된 값 %3
</translation>
    </message>
    <message>
        <source>Checked %1 ledger lines, %2 stock rows, %3 daily totals: %4.
</source>
        <translation>원장 %1줄, 재고 %2행, 일별 합계 %3행 검사: %4.
</translation>
    </message>
    <message>
        <source>clean</source>
        <translation>이상 없음</translation>
    </message>
    <message numerus="yes">
        <source>%n difference(s)</source>
        <translation>
            <numerusform>불일치 %n건</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>verify found %n difference(s).</source>
        <translation>
            <numerusform>검사 결과 불일치가 %n건 있습니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>Read the new key from this file (else STOCKROOM_NEW_DB_KEY, else a prompt).</source>
        <translation>이 파일에서 새 키를 읽습니다(없으면 STOCKROOM_NEW_DB_KEY, 그것도 없으면 입력 요청).</translation>
    </message>
    <message>
        <source>Re-encrypts the database under a new key.</source>
        <translation>데이터베이스를 새 키로 다시 암호화합니다.</translation>
    </message>
    <message>
        <source>The database is now encrypted with the new key.
</source>
        <translation>데이터베이스가 새 키로 암호화되었습니다.
</translation>
    </message>
    <message>
        <source>Give --%1.</source>
        <translation>--%1을(를) 지정하세요.</translation>
    </message>
    <message>
        <source>--%1 takes a whole number, not &quot;%2&quot;.</source>
        <translation>--%1에는 &quot;%2&quot;이 아니라 정수를 쓰세요.</translation>
    </message>
    <message>
        <source>Write --expiry as YYYY-MM-DD.</source>
        <translation>--expiry는 YYYY-MM-DD 형식으로 쓰세요.</translation>
    </message>
    <message>
        <source>Record receive, issue, transfer, adjust or count, not &quot;%1&quot;.</source>
        <translation>&quot;%1&quot;이 아니라 receive, issue, transfer, adjust, count 중 하나를 기록하세요.</translation>
    </message>
    <message>
        <source>below min</source>
        <translation>최소 미달</translation>
    </message>
    <message>
        <source>above max</source>
        <translation>최대 초과</translation>
    </message>
    <message>
        <source>NEGATIVE</source>
        <translation>마이너스</translation>
    </message>
    <message>
        <source>below min %1</source>
        <translation>최소 %1 미달</translation>
    </message>
    <message>
        <source>above max %1</source>
        <translation>최대 %1 초과</translation>
    </message>
    <message>
        <source>at reorder point %1</source>
        <translation>재주문점 %1 도달</translation>
    </message>
    <message>
        <source>negative stock</source>
        <translation>마이너스 재고</translation>
    </message>
    <message>
        <source>lot %1 expires %2</source>
        <translation>로트 %1 유효기한 %2</translation>
    </message>
    <message>
        <source>lot %1 EXPIRED %2</source>
        <translation>로트 %1 유효기한 경과 %2</translation>
    </message>
    <message>
        <source>%1  %2  %3  %4  %5
</source>
        <translation>%1  %2  %3  %4  %5
</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>창고</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>품목</translation>
    </message>
    <message>
        <source>Stock rows</source>
        <translation>재고 행</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>수량</translation>
    </message>
    <message>
        <source>Alerts: %1 below min, %2 at reorder point, %3 above max, %4 negative, %5 lots expiring within %6 days, %7 expired.
</source>
        <translation>알림: 최소 미달 %1, 재주문점 도달 %2, 최대 초과 %3, 마이너스 %4, %6일 안에 유효기한이 끝나는 로트 %5, 유효기한 경과 %7.
</translation>
    </message>
    <message>
        <source>receive, issue, transfer, adjust or count</source>
        <translation>receive, issue, transfer, adjust, count</translation>
    </message>
    <message>
        <source>Records one movement.</source>
        <translation>입출고 한 건을 기록합니다.</translation>
    </message>
    <message>
        <source>Say what to record: receive, issue, transfer, adjust or count.</source>
        <translation>기록할 종류를 지정하세요: receive, issue, transfer, adjust, count.</translation>
    </message>
    <message>
        <source>%1 %2 %3 at %4: stock now %5%6
</source>
        <translation>%4에서 %1 %2 %3: 현재 재고 %5%6
</translation>
    </message>
    <message>
        <source> (below zero: an alert is raised)</source>
        <translation> (0 미만: 알림이 생깁니다)</translation>
    </message>
    <message>
        <source>Only this product (barcode or SKU).</source>
        <translation>이 품목만(바코드 또는 SKU).</translation>
    </message>
    <message>
        <source>code</source>
        <translation>코드</translation>
    </message>
    <message>
        <source>Only this location and what is under it.</source>
        <translation>이 위치와 그 아래 위치만.</translation>
    </message>
    <message>
        <source>Only this warehouse.</source>
        <translation>이 창고만.</translation>
    </message>
    <message>
        <source>Only rows whose SKU or name contains this.</source>
        <translation>SKU나 이름에 이 글자가 들어간 행만.</translation>
    </message>
    <message>
        <source>text</source>
        <translation>글자</translation>
    </message>
    <message>
        <source>Only products below their minimum.</source>
        <translation>최소 수량 미달 품목만.</translation>
    </message>
    <message>
        <source>Only lots expiring within this many days.</source>
        <translation>이 일수 안에 유효기한이 끝나는 로트만.</translation>
    </message>
    <message>
        <source>days</source>
        <translation>일</translation>
    </message>
    <message>
        <source>Totals per warehouse and alert counts.</source>
        <translation>창고별 합계와 알림 수.</translation>
    </message>
    <message>
        <source>List the alerts.</source>
        <translation>알림 목록을 보여 줍니다.</translation>
    </message>
    <message>
        <source>Write CSV instead of a table.</source>
        <translation>표 대신 CSV로 출력합니다.</translation>
    </message>
    <message>
        <source>At most this many rows (0: all).</source>
        <translation>최대 행 수(0: 전체).</translation>
    </message>
    <message>
        <source>Shows stock on hand.</source>
        <translation>현재 재고를 보여 줍니다.</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>위치</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>로트</translation>
    </message>
    <message>
        <source>Expiry</source>
        <translation>유효기한</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>품목</translation>
    </message>
    <message>
        <source>Trust this PEM certificate for a wss:// server.</source>
        <translation>wss:// 서버에 대해 이 PEM 인증서를 신뢰합니다.</translation>
    </message>
    <message>
        <source>Give up after this many seconds.</source>
        <translation>이 시간(초)이 지나면 중단합니다.</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>초</translation>
    </message>
    <message>
        <source>%1 has not joined a server; use &apos;stockroom-cli join&apos;.</source>
        <translation>%1은(는) 서버에 가입하지 않았습니다. &apos;stockroom-cli join&apos;을 사용하세요.</translation>
    </message>
    <message>
        <source>No PEM certificate could be read from %1.</source>
        <translation>%1에서 PEM 인증서를 읽을 수 없습니다.</translation>
    </message>
    <message>
        <source>--timeout takes a number of seconds.</source>
        <translation>--timeout에는 초 단위 숫자를 쓰세요.</translation>
    </message>
    <message>
        <source>The server refused this workstation: %1</source>
        <translation>서버가 이 단말을 거부했습니다: %1</translation>
    </message>
    <message>
        <source>Could not finish syncing with %1 within %2 s: %3</source>
        <translation>%2초 안에 %1과(와)의 동기화를 마치지 못했습니다: %3</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>응답 없음</translation>
    </message>
    <message>
        <source>Synced with %1: %2 operations answered (%3 rejected, %4 conflicts), %5 pending.
</source>
        <translation>%1과(와) 동기화함: 작업 %2건 응답(거부 %3, 충돌 %4), 대기 %5건.
</translation>
    </message>
    <message>
        <source>The workstation database to create.</source>
        <translation>만들 단말 데이터베이스.</translation>
    </message>
    <message>
        <source>The sync server, ws://host:port or wss://host:port.</source>
        <translation>동기화 서버(ws://호스트:포트 또는 wss://호스트:포트).</translation>
    </message>
    <message>
        <source>url</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Read the token from this file (else STOCKROOM_SYNC_TOKEN, else a prompt).</source>
        <translation>이 파일에서 토큰을 읽습니다(없으면 STOCKROOM_SYNC_TOKEN, 그것도 없으면 입력 요청).</translation>
    </message>
    <message>
        <source>Creates a workstation database that syncs with a server, and fills it from the server.</source>
        <translation>서버와 동기화하는 단말 데이터베이스를 만들고 서버의 데이터로 채웁니다.</translation>
    </message>
    <message>
        <source>Give the server as ws://host:port or wss://host:port.</source>
        <translation>서버를 ws://호스트:포트 또는 wss://호스트:포트로 지정하세요.</translation>
    </message>
    <message>
        <source>Token for %1: </source>
        <translation>%1의 토큰: </translation>
    </message>
    <message>
        <source>%1 was not created.</source>
        <translation>%1을(를) 만들지 않았습니다.</translation>
    </message>
    <message>
        <source>Joined %1 as device %2.
</source>
        <translation>%1에 단말 %2(으)로 가입했습니다.
</translation>
    </message>
    <message>
        <source>The workstation database.</source>
        <translation>단말 데이터베이스.</translation>
    </message>
    <message>
        <source>Pushes what this workstation recorded and pulls what is new on the server.</source>
        <translation>이 단말에서 기록한 내용을 보내고 서버의 새 내용을 받아옵니다.</translation>
    </message>
    <message>
        <source>The import was cancelled; nothing was imported.</source>
        <translation>가져오기를 취소했습니다. 아무것도 가져오지 않았습니다.</translation>
    </message>
    <message>
        <source>This workstation syncs with a server: manage users there (stockroom-server user add).</source>
        <translation>이 단말은 서버와 동기화합니다. 사용자는 서버에서 관리하세요(stockroom-server user add).</translation>
    </message>
    <message>
        <source>You cannot disable yourself.</source>
        <translation>자기 자신은 사용 중지할 수 없습니다.</translation>
    </message>
    <message>
        <source>%1 could not be written: %2</source>
        <translation>%1을(를) 쓸 수 없습니다: %2</translation>
    </message>
    <message>
        <source>%1 is not a PostgreSQL URL of the form postgresql://user@host:port/database.</source>
        <translation>%1은(는) postgresql://사용자@호스트:포트/데이터베이스 형식의 PostgreSQL URL이 아닙니다.</translation>
    </message>
    <message>
        <source>Qt&apos;s PostgreSQL driver (QPSQL) is not installed; on Debian it is the package libqt6sql6-psql.</source>
        <translation>Qt의 PostgreSQL 드라이버(QPSQL)가 설치되어 있지 않습니다. Debian에서는 libqt6sql6-psql 패키지입니다.</translation>
    </message>
    <message>
        <source>Cannot connect to %1: %2</source>
        <translation>%1에 연결할 수 없습니다: %2</translation>
    </message>
    <message>
        <source>%1 already holds a Stockroom database.</source>
        <translation>%1에 이미 Stockroom 데이터베이스가 있습니다.</translation>
    </message>
    <message>
        <source>A PostgreSQL database has no Stockroom key; its server encrypts and authenticates.</source>
        <translation>PostgreSQL 데이터베이스에는 Stockroom 키가 없습니다. 암호화와 인증은 PostgreSQL 서버가 맡습니다.</translation>
    </message>
    <message>
        <source>Created the Stockroom tables in %1 (PostgreSQL), admin %2.
</source>
        <translation>%1에 Stockroom 테이블을 만들었습니다(PostgreSQL). 관리자: %2.
</translation>
    </message>
    <message>
        <source>A workstation keeps its data in an encrypted file; PostgreSQL is for the server.</source>
        <translation>작업 스테이션은 데이터를 암호화된 파일에 보관합니다. PostgreSQL은 서버용입니다.</translation>
    </message>
    <message>
        <source>Stock changed while this transaction was writing it.</source>
        <translation>이 트랜잭션이 재고를 기록하는 도중에 재고가 바뀌었습니다.</translation>
    </message>
    <message>
        <source>Operation %1 is %2 bytes as sent, more than the %3 bytes the server accepts in a message. Ask the server&apos;s administrator to raise its --max-message.</source>
        <translation>작업 %1은(는) 전송 시 %2바이트로, 서버가 한 메시지에서 받는 %3바이트보다 큽니다. 서버 관리자에게 --max-message 값을 늘려 달라고 요청하세요.</translation>
    </message>
    <message>
        <source>The server sent movement %1, which is not one: %2</source>
        <translation>서버가 보낸 이동 %1은(는) 올바른 이동이 아닙니다: %2</translation>
    </message>
    <message>
        <source>The server sent %1 %2, which is not one: %3</source>
        <translation>서버가 보낸 %1 %2은(는) 올바른 레코드가 아닙니다: %3</translation>
    </message>
    <message>
        <source>A barcode is at most %1 characters long.</source>
        <translation>바코드는 %1자를 넘을 수 없습니다.</translation>
    </message>
    <message>
        <source>%1 holds a control character, which no field may hold.</source>
        <translation>%1에 제어 문자가 있습니다. 어떤 항목에도 제어 문자는 넣을 수 없습니다.</translation>
    </message>
    <message>
        <source>The reason</source>
        <translation>사유</translation>
    </message>
    <message>
        <source>The reference</source>
        <translation>참조</translation>
    </message>
    <message>
        <source>The lot code</source>
        <translation>로트 코드</translation>
    </message>
    <message>
        <source>The local name</source>
        <translation>현지 이름</translation>
    </message>
    <message>
        <source>A product carries at most %1 barcodes.</source>
        <translation>품목 하나에는 바코드를 %1개까지 붙일 수 있습니다.</translation>
    </message>
    <message>
        <source>The server sent more than %1 MiB in one message; fetching one record at a time.</source>
        <translation>서버가 메시지 하나에 %1 MiB를 넘게 보냈습니다. 레코드를 하나씩 받아 옵니다.</translation>
    </message>
    <message>
        <source>Sync stopped: the server sent a record larger than the %1 MiB a workstation takes in one message. Nothing was lost here. Ask the server&apos;s administrator to update Stockroom.</source>
        <translation>동기화를 멈췄습니다: 서버가 단말이 메시지 하나로 받을 수 있는 %1 MiB보다 큰 레코드를 보냈습니다. 이 단말에서는 잃은 것이 없습니다. 서버 관리자에게 Stockroom 업데이트를 요청하세요.</translation>
    </message>
    <message>
        <source>Sync stopped: the server refused a message from this workstation as too large. Nothing was lost here. Ask the server&apos;s administrator to raise its --max-message.</source>
        <translation>동기화를 멈췄습니다: 서버가 이 단말의 메시지를 너무 크다며 거부했습니다. 이 단말에서는 잃은 것이 없습니다. 서버 관리자에게 --max-message 값을 올려 달라고 요청하세요.</translation>
    </message>
    <message>
        <source>A transfer has two lines; other movements have one.</source>
        <translation>이동은 두 줄이고, 다른 입출고는 한 줄입니다.</translation>
    </message>
    <message>
        <source>A movement of type %1 cannot change stock by %2: a receipt adds 1 to %3, an issue takes as much, a transfer moves as much from one location to the other, and an adjustment changes stock by up to %3.</source>
        <translation>%1 유형의 입출고는 재고를 %2만큼 바꿀 수 없습니다: 입고는 1에서 %3까지 더하고, 출고는 그만큼 빼며, 이동은 한 위치에서 다른 위치로 그만큼 옮기고, 조정은 재고를 최대 %3까지 바꿉니다.</translation>
    </message>
    <message>
        <source>Stock of %1 changed by %2 would leave the range of ±%3 that stock may hold.</source>
        <translation>재고 %1을(를) %2만큼 바꾸면 재고가 가질 수 있는 ±%3 범위를 벗어납니다.</translation>
    </message>
    <message>
        <source>within ±%1</source>
        <translation>±%1 이내</translation>
    </message>
    <message>
        <source>beyond it from movement seq %1</source>
        <translation>입출고 순번 %1부터 범위를 벗어남</translation>
    </message>
    <message>
        <source>%1 is the SKU of %2: as a barcode it would make a scan of it find another product.</source>
        <translation>%1은(는) %2의 SKU입니다. 바코드로 쓰면 이것을 스캔할 때 다른 품목이 찾아집니다.</translation>
    </message>
    <message>
        <source>%1 is already a barcode: as a SKU, typing it would find what the barcode names.</source>
        <translation>%1은(는) 이미 바코드입니다. SKU로 쓰면 입력할 때 그 바코드가 가리키는 것이 찾아집니다.</translation>
    </message>
    <message>
        <source>the database key</source>
        <translation>데이터베이스 키</translation>
    </message>
    <message>
        <source>No terminal to ask for %1 on: give it with %2, or set %3.</source>
        <translation>%1을(를) 물어볼 터미널이 없습니다: %2(으)로 주거나 %3을(를) 설정하세요.</translation>
    </message>
    <message>
        <source>Nothing was typed for %1.</source>
        <translation>%1이(가) 입력되지 않았습니다.</translation>
    </message>
    <message>
        <source>New %1: </source>
        <translation>새 %1: </translation>
    </message>
    <message>
        <source>Once more, %1: </source>
        <translation>한 번 더, %1: </translation>
    </message>
    <message>
        <source>The two differ: %1 was not set.</source>
        <translation>두 입력이 다릅니다: %1을(를) 설정하지 않았습니다.</translation>
    </message>
    <message>
        <source>the admin&apos;s password</source>
        <translation>시스템 관리자 비밀번호</translation>
    </message>
    <message>
        <source>the new database key</source>
        <translation>새 데이터베이스 키</translation>
    </message>
    <message>
        <source>the sync token</source>
        <translation>동기화 토큰</translation>
    </message>
    <message>
        <source>the file</source>
        <translation>파일</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>정상</translation>
    </message>
    <message>
        <source>%1 holds no Stockroom database. Create one with init, or restore the file from a backup.</source>
        <translation>%1에는 Stockroom 데이터베이스가 없습니다. init으로 새로 만들거나 백업에서 파일을 복원하세요.</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2. The file may be damaged: restore it from a backup.</source>
        <translation>%1을(를) 읽을 수 없습니다: %2. 파일이 손상되었을 수 있습니다. 백업에서 복원하세요.</translation>
    </message>
    <message>
        <source>The database file is damaged (%1): restore it from a backup.</source>
        <translation>데이터베이스 파일이 손상되었습니다(%1). 백업에서 복원하세요.</translation>
    </message>
    <message>
        <source>The file fails its integrity check (%1): it is not repaired. Restore it from a backup.</source>
        <translation>파일이 무결성 검사를 통과하지 못했습니다(%1). 복구하지 않습니다. 백업에서 복원하세요.</translation>
    </message>
    <message>
        <source>The ledger takes the %1 beyond the range stock may hold (from movement seq %2): it is not repaired.</source>
        <translation>원장이 %1을(를) 재고가 가질 수 있는 범위 밖으로 보냅니다(입출고 순번 %2부터). 복구하지 않습니다.</translation>
    </message>
    <message>
        <source>Rewrite every projection (stock, totals per warehouse, daily totals) from the ledger, then check again. Needs an admin; the ledger itself is never changed.</source>
        <translation>원장으로부터 모든 투영(재고, 창고별 합계, 일별 합계)을 다시 쓰고 다시 검사합니다. 시스템 관리자만 할 수 있으며, 원장 자체는 바뀌지 않습니다.</translation>
    </message>
    <message>
        <source>Rebuilt every projection from the ledger, and checked again.
</source>
        <translation>원장으로부터 모든 투영을 다시 만들고 다시 검사했습니다.
</translation>
    </message>
    <message>
        <source>A threshold is from 0 to %1, not %2.</source>
        <translation>기준값은 0에서 %1 사이여야 합니다. %2은(는) 안 됩니다.</translation>
    </message>
    <message>
        <source>number %1</source>
        <translation>번호 %1</translation>
    </message>
    <message>
        <source>numbers %1 to %2</source>
        <translation>번호 %1~%2</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>the outbox&apos;s operations</source>
        <translation>보낼 작업함의 작업</translation>
    </message>
    <message>
        <source>outbox operation %1</source>
        <translation>보낼 작업 %1</translation>
    </message>
    <message>
        <source>movement %1</source>
        <translation>이동 %1</translation>
    </message>
    <message>
        <source>not in the ledger</source>
        <translation>원장에 없음</translation>
    </message>
    <message>
        <source>user %1, who queued it</source>
        <translation>작업을 대기열에 넣은 사용자 %1</translation>
    </message>
    <message>
        <source>user %1</source>
        <translation>사용자 %1</translation>
    </message>
    <message>
        <source>this device&apos;s movements</source>
        <translation>이 기기의 이동</translation>
    </message>
    <message>
        <source>its last line, seq %1</source>
        <translation>마지막 줄, 순번 %1</translation>
    </message>
    <message>
        <source>The outbox holds no operation %1: it was damaged.</source>
        <translation>보낼 작업함에 작업 %1이(가) 없습니다. 손상되었습니다.</translation>
    </message>
    <message>
        <source>DIFFERS history chain at operation %1: the outbox no longer leads to where it stood when the server answered it
</source>
        <translation>불일치 작업 %1의 이력 체인: 서버가 응답했을 때의 위치로 더 이상 이어지지 않습니다
</translation>
    </message>
    <message>
        <source>Followed %1 operations of this workstation against %2 answers of the server: %3.
</source>
        <translation>이 워크스테이션의 작업 %1개를 서버 응답 %2개와 대조했습니다: %3.
</translation>
    </message>
    <message>
        <source>checkpoint at movement seq %1</source>
        <translation>이동 순번 %1의 체크포인트</translation>
    </message>
    <message>
        <source>signed by the server&apos;s key %1</source>
        <translation>서버 키 %1의 서명</translation>
    </message>
    <message>
        <source>signed by %1</source>
        <translation>%1의 서명</translation>
    </message>
    <message>
        <source>a valid signature</source>
        <translation>유효한 서명</translation>
    </message>
    <message>
        <source>a signature that does not match</source>
        <translation>일치하지 않는 서명</translation>
    </message>
    <message>
        <source>line %1, hash %2</source>
        <translation>줄 %1, 해시 %2</translation>
    </message>
    <message>
        <source>no such line</source>
        <translation>해당 줄 없음</translation>
    </message>
    <message>
        <source>hash %1</source>
        <translation>해시 %1</translation>
    </message>
    <message>
        <source>Cannot read %1 %2: %3</source>
        <translation>%1 %2을(를) 읽을 수 없습니다: %3</translation>
    </message>
    <message>
        <source>%1 is not %2: it should hold %3 bytes in base64 on one line.</source>
        <translation>%1은(는) %2이(가) 아닙니다. 한 줄에 base64로 %3바이트가 있어야 합니다.</translation>
    </message>
    <message>
        <source>a public key</source>
        <translation>공개 키</translation>
    </message>
    <message>
        <source>The server no longer signs its ledger, but it did when this workstation first synced (its key is pinned in %1). Sync stopped; ask the server&apos;s administrator to give it its --signing-key again.</source>
        <translation>이 워크스테이션이 처음 동기화할 때는 서버가 원장에 서명했지만(키는 %1에 고정되어 있음) 지금은 서명하지 않습니다. 동기화를 중지했습니다. 서버 관리자에게 --signing-key를 다시 지정하도록 요청하세요.</translation>
    </message>
    <message>
        <source>The server signs with another key (%1) than the one pinned in %2 when this workstation first synced: it may not be the same server. Sync stopped. If the key was replaced on purpose, the administrator removes that file.</source>
        <translation>서버가 이 워크스테이션이 처음 동기화할 때 %2에 고정된 키와 다른 키(%1)로 서명합니다. 같은 서버가 아닐 수 있습니다. 동기화를 중지했습니다. 키를 일부러 바꾼 경우 관리자가 그 파일을 삭제하세요.</translation>
    </message>
    <message>
        <source>%1 exists already; a key is never overwritten.</source>
        <translation>%1이(가) 이미 있습니다. 키는 절대 덮어쓰지 않습니다.</translation>
    </message>
    <message>
        <source>libsodium could not start.</source>
        <translation>libsodium을 시작할 수 없습니다.</translation>
    </message>
    <message>
        <source>a signing key</source>
        <translation>서명 키</translation>
    </message>
    <message>
        <source>%1 is not a whole signing key.</source>
        <translation>%1은(는) 온전한 서명 키가 아닙니다.</translation>
    </message>
    <message>
        <source>A server&apos;s database: its public signing key file (the .pub that &apos;stockroom-server keygen&apos; wrote). Every signed checkpoint must be by it.</source>
        <translation>서버 데이터베이스의 공개 서명 키 파일(&apos;stockroom-server keygen&apos;이 쓴 .pub). 서명된 모든 체크포인트는 이 키로 서명되어야 합니다.</translation>
    </message>
    <message>
        <source>Checks the file, the hash chain, the signed checkpoints and every projection against the ledger; with --repair, rebuilds them.</source>
        <translation>파일, 해시 체인, 서명된 체크포인트, 모든 프로젝션을 원장과 대조합니다. --repair를 주면 다시 만듭니다.</translation>
    </message>
    <message>
        <source>Checked %1 signed checkpoints (%2); %3 lines are newer than the newest.
</source>
        <translation>서명된 체크포인트 %1개를 확인했습니다(%2). 가장 최근 체크포인트보다 새 줄이 %3개 있습니다.
</translation>
    </message>
    <message>
        <source>each against the key it names: give --server-key to check that it is the server&apos;s</source>
        <translation>각각 자신이 밝힌 키로 확인함. 서버의 키인지 확인하려면 --server-key를 주세요</translation>
    </message>
    <message>
        <source>against the server&apos;s key</source>
        <translation>서버의 키로 확인함</translation>
    </message>
    <message>
        <source>%1: not a scan this version can replay.</source>
        <translation>%1: 이 버전에서 다시 적용할 수 없는 스캔입니다.</translation>
    </message>
    <message>
        <source>The scan was not kept: %1</source>
        <translation>스캔을 보관하지 못했습니다: %1</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a quantity: type a whole number after the star, such as *240.</source>
        <translation>&quot;%1&quot;은(는) 수량이 아닙니다. 별표 뒤에 *240처럼 정수를 입력하세요.</translation>
    </message>
    <message>
        <source>A quantity must be at least 1.</source>
        <translation>수량은 1 이상이어야 합니다.</translation>
    </message>
    <message>
        <source>A quantity can be at most %1.</source>
        <translation>수량은 최대 %1입니다.</translation>
    </message>
    <message>
        <source>Next item × %1</source>
        <translation>다음 품목 × %1</translation>
    </message>
    <message>
        <source>%1 would come to more than %2, the most one line can move.</source>
        <translation>%1이(가) 한 줄에서 옮길 수 있는 최대치 %2을(를) 넘게 됩니다.</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>유통기한 지남</translation>
    </message>
    <message numerus="yes">
        <source>Expires in %n day(s)</source>
        <translation>
            <numerusform>%n일 후 만료</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is tracked by lot: scan its GS1 label, which carries the lot and expiry.</source>
        <translation>%1은(는) 로트로 관리합니다. 로트와 유통기한이 담긴 GS1 라벨을 스캔하세요.</translation>
    </message>
    <message>
        <source>, lot %1 (the first to expire here)</source>
        <translation>, 로트 %1 (이 위치에서 가장 먼저 만료)</translation>
    </message>
    <message>
        <source>No lot of this product that has not expired is left at %1: scan the GS1 label of the lot you hold.</source>
        <translation>%1에 유통기한이 지나지 않은 이 품목의 로트가 남아 있지 않습니다. 들고 있는 로트의 GS1 라벨을 스캔하세요.</translation>
    </message>
    <message>
        <source>hidden</source>
        <translation>숨김</translation>
    </message>
</context>
<context>
    <name>Stockroom::MovementModel</name>
    <message>
        <source>Time</source>
        <translation>시각</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>유형</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>품목</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>위치</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>로트</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>수량</translation>
    </message>
    <message>
        <source>User</source>
        <translation>사용자</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>사유</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>참조</translation>
    </message>
</context>
<context>
    <name>Stockroom::PeriodReportModel</name>
    <message>
        <source>Total</source>
        <translation>합계</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>품목</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>단위</translation>
    </message>
    <message>
        <source>Opening</source>
        <translation>기초</translation>
    </message>
    <message>
        <source>Receipts</source>
        <translation>입고</translation>
    </message>
    <message>
        <source>Issues</source>
        <translation>출고</translation>
    </message>
    <message>
        <source>Transfers in</source>
        <translation>이동 입고</translation>
    </message>
    <message>
        <source>Transfers out</source>
        <translation>이동 출고</translation>
    </message>
    <message>
        <source>Adjustments</source>
        <translation>조정</translation>
    </message>
    <message>
        <source>Closing</source>
        <translation>기말</translation>
    </message>
</context>
<context>
    <name>Stockroom::ProductModel</name>
    <message>
        <source>Yes</source>
        <translation>예</translation>
    </message>
    <message>
        <source>No</source>
        <translation>아니요</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>Local name</source>
        <translation>현지 이름</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>단위</translation>
    </message>
    <message>
        <source>Lots</source>
        <translation>로트</translation>
    </message>
    <message>
        <source>Barcodes</source>
        <translation>바코드</translation>
    </message>
</context>
<context>
    <name>Stockroom::SqlCipherDriver</name>
    <message>
        <source>The database file %1 does not exist.</source>
        <translation>데이터베이스 파일 %1이(가) 없습니다.</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>%1을(를) 열 수 없습니다: %2</translation>
    </message>
    <message>
        <source>This build does not encrypt databases (SQLCipher is not linked). Refusing to open %1.</source>
        <translation>이 빌드는 데이터베이스를 암호화하지 않습니다(SQLCipher가 링크되지 않음). %1을(를) 열지 않습니다.</translation>
    </message>
    <message>
        <source>No key was given for %1.</source>
        <translation>%1의 키가 없습니다.</translation>
    </message>
    <message>
        <source>Cannot set the key: %1</source>
        <translation>키를 설정할 수 없습니다: %1</translation>
    </message>
    <message>
        <source>%1 is an unencrypted SQLite database, not a Stockroom database.</source>
        <translation>%1은(는) 암호화되지 않은 SQLite 데이터베이스이며 Stockroom 데이터베이스가 아닙니다.</translation>
    </message>
    <message>
        <source>Wrong key or not a Stockroom database: %1</source>
        <translation>키가 틀렸거나 Stockroom 데이터베이스가 아닙니다: %1</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1을(를) 읽을 수 없습니다: %2</translation>
    </message>
    <message>
        <source>Cannot start a transaction</source>
        <translation>트랜잭션을 시작할 수 없습니다</translation>
    </message>
    <message>
        <source>Cannot commit the transaction</source>
        <translation>트랜잭션을 확정할 수 없습니다</translation>
    </message>
    <message>
        <source>Cannot roll back the transaction</source>
        <translation>트랜잭션을 되돌릴 수 없습니다</translation>
    </message>
    <message>
        <source>Cannot change the key</source>
        <translation>키를 바꿀 수 없습니다</translation>
    </message>
</context>
<context>
    <name>Stockroom::StockModel</name>
    <message>
        <source>Product</source>
        <translation>품목</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>위치</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>로트</translation>
    </message>
    <message>
        <source>Expiry</source>
        <translation>유효기한</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>수량</translation>
    </message>
    <message>
        <source>Min</source>
        <translation>최소</translation>
    </message>
    <message>
        <source>Max</source>
        <translation>최대</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
</context>
<context>
    <name>Stockroom::Stocktake</name>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>품목</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>위치</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>로트</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>예상</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>실사</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>차이</translation>
    </message>
</context>
<context>
    <name>Stockroom::Views::AlertsView</name>
    <message>
        <source>&amp;Waiting only</source>
        <translation>미확인만(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Acknowledge</source>
        <translation>확인(&amp;A)</translation>
    </message>
    <message>
        <source> days</source>
        <translation>일</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>모든 종류</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>표시:</translation>
    </message>
    <message>
        <source>Lots expiring within:</source>
        <translation>유효기한 임박 기준:</translation>
    </message>
    <message>
        <source>Mark the selected alerts as seen</source>
        <translation>선택한 알림을 확인한 것으로 표시</translation>
    </message>
    <message>
        <source>A manager acknowledges alerts.</source>
        <translation>알림 확인은 관리자가 합니다.</translation>
    </message>
    <message>
        <source>Choose one or more alerts first.</source>
        <translation>먼저 알림을 하나 이상 선택하세요.</translation>
    </message>
    <message numerus="yes">
        <source>%n alert(s) acknowledged.</source>
        <translation>
            <numerusform>알림 %n건을 확인했습니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>No alerts: stock is within its limits, and no lot is expiring.</source>
        <translation>알림 없음: 재고가 기준 안에 있고 유통기한이 다가오는 로트도 없습니다.</translation>
    </message>
</context>
<context>
    <name>Stockroom::Views::ConflictDialog</name>
    <message>
        <source>(none)</source>
        <translation>(없음)</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>예</translation>
    </message>
    <message>
        <source>no</source>
        <translation>아니요</translation>
    </message>
    <message>
        <source>Changed by someone else</source>
        <translation>다른 사람이 변경함</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>항목</translation>
    </message>
    <message>
        <source>Your value</source>
        <translation>내 값</translation>
    </message>
    <message>
        <source>Stored now</source>
        <translation>현재 저장된 값</translation>
    </message>
    <message>
        <source>Keep &amp;mine</source>
        <translation>내 값 유지(&amp;M)</translation>
    </message>
    <message>
        <source>Take &amp;theirs</source>
        <translation>저장된 값 사용(&amp;T)</translation>
    </message>
    <message>
        <source>What is stored now is shown; your values were not saved.</source>
        <translation>현재 저장된 값을 표시했습니다. 입력한 값은 저장되지 않았습니다.</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>저장하지 않음: %1</translation>
    </message>
</context>
<context>
    <name>Stockroom::Views::ConflictInbox</name>
    <message>
        <source>Keep the server&apos;s value</source>
        <translation>서버 값 유지</translation>
    </message>
    <message>
        <source>Use this workstation&apos;s value</source>
        <translation>이 단말의 값 사용</translation>
    </message>
    <message>
        <source>A manager decides these.</source>
        <translation>이 항목은 관리자가 결정합니다.</translation>
    </message>
    <message>
        <source>Choose an entry first.</source>
        <translation>먼저 항목을 선택하세요.</translation>
    </message>
    <message>
        <source>Sent: this workstation&apos;s value. The server confirms at the next sync.</source>
        <translation>이 단말의 값을 보냈습니다. 다음 동기화 때 서버가 확정합니다.</translation>
    </message>
    <message>
        <source>Decided: the server&apos;s value stays.</source>
        <translation>결정됨: 서버 값을 유지합니다.</translation>
    </message>
    <message>
        <source>Keep the stock as it is</source>
        <translation>재고를 지금대로 둡니다</translation>
    </message>
    <message>
        <source>Let the count stand</source>
        <translation>실사 결과를 인정합니다</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>확인</translation>
    </message>
    <message>
        <source>Acknowledged.</source>
        <translation>확인했습니다.</translation>
    </message>
    <message>
        <source>Sent: the count stands. The server adjusts the stock by what the count found at the next sync.</source>
        <translation>보냈습니다: 실사 결과를 인정합니다. 다음 동기화 때 서버가 실사에서 찾은 만큼 재고를 조정합니다.</translation>
    </message>
    <message>
        <source>Decided: the stock stays as it is.</source>
        <translation>결정됨: 재고를 지금대로 둡니다.</translation>
    </message>
    <message>
        <source>Nothing to decide: no change waits for a person&apos;s choice.</source>
        <translation>결정할 일 없음: 사람의 선택을 기다리는 변경이 없습니다.</translation>
    </message>
</context>
<context>
    <name>Stockroom::Views::DashboardView</name>
    <message>
        <source>Movement lines per day</source>
        <translation>일별 입출고 건수</translation>
    </message>
    <message>
        <source>Movement lines per week (from the day shown)</source>
        <translation>주별 입출고 건수(표시된 날부터)</translation>
    </message>
    <message>
        <source>Movement lines per month</source>
        <translation>월별 입출고 건수</translation>
    </message>
    <message>
        <source>Stock level</source>
        <translation>재고 수준</translation>
    </message>
    <message>
        <source>Top 10 movers (units issued)</source>
        <translation>출고 상위 10개 품목(출고 수량)</translation>
    </message>
    <message numerus="yes">
        <source>Last %n day(s)</source>
        <translation>
            <numerusform>최근 %n일</numerusform>
        </translation>
    </message>
    <message>
        <source>All warehouses</source>
        <translation>모든 창고</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>All products: type a SKU or barcode, or scan</source>
        <translation>모든 품목: SKU나 바코드를 입력하거나 스캔하세요</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>기간:</translation>
    </message>
    <message>
        <source>Warehouse:</source>
        <translation>창고:</translation>
    </message>
    <message>
        <source>Product:</source>
        <translation>품목:</translation>
    </message>
    <message>
        <source>all products</source>
        <translation>모든 품목</translation>
    </message>
    <message>
        <source>Stock level: %1, %2</source>
        <translation>재고 수준: %1, %2</translation>
    </message>
    <message>
        <source>Units on hand at the end of the day</source>
        <translation>일 마감 재고 수량</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 ~ %2</translation>
    </message>
    <message>
        <source>Units issued</source>
        <translation>출고 수량</translation>
    </message>
    <message>
        <source>(no issues)</source>
        <translation>(출고 없음)</translation>
    </message>
    <message numerus="yes">
        <source>item(s) below min</source>
        <translation>
            <numerusform>최소 미달 품목</numerusform>
        </translation>
    </message>
    <message>
        <source>d MMM</source>
        <comment>a day on a chart axis (QDate format)</comment>
        <translation>M월 d일</translation>
    </message>
    <message>
        <source>MMM yy</source>
        <comment>a month on a chart axis (QDate format)</comment>
        <translation>yy년 M월</translation>
    </message>
</context>
<context>
    <name>Stockroom::Views::HistoryView</name>
    <message>
        <source>Today</source>
        <translation>오늘</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>최근 7일</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>최근 30일</translation>
    </message>
    <message>
        <source>All</source>
        <translation>전체</translation>
    </message>
    <message>
        <source>All movements</source>
        <translation>모든 입출고</translation>
    </message>
    <message>
        <source>Receipts</source>
        <translation>입고</translation>
    </message>
    <message>
        <source>Issues</source>
        <translation>출고</translation>
    </message>
    <message>
        <source>Transfers</source>
        <translation>이동</translation>
    </message>
    <message>
        <source>Adjustments</source>
        <translation>조정</translation>
    </message>
    <message>
        <source>Counts</source>
        <translation>실사</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>기간:</translation>
    </message>
    <message>
        <source>Type:</source>
        <translation>유형:</translation>
    </message>
    <message>
        <source>&amp;Reverse…</source>
        <translation>취소(&amp;R)…</translation>
    </message>
    <message>
        <source>Reverse a movement</source>
        <translation>입출고 취소</translation>
    </message>
    <message>
        <source>Why is it reversed?</source>
        <translation>취소 사유는 무엇입니까?</translation>
    </message>
    <message>
        <source>Choose a movement first.</source>
        <translation>먼저 입출고를 선택하세요.</translation>
    </message>
    <message>
        <source>Reversed: a compensating movement was recorded.</source>
        <translation>취소했습니다. 반대 입출고가 기록되었습니다.</translation>
    </message>
    <message>
        <source>Product: SKU or barcode</source>
        <translation>품목: SKU 또는 바코드</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>위치</translation>
    </message>
    <message>
        <source>All users</source>
        <translation>모든 사용자</translation>
    </message>
    <message>
        <source>No movements yet, or none that match what is chosen above.</source>
        <translation>입출고가 아직 없거나, 위에서 고른 조건에 맞는 것이 없습니다.</translation>
    </message>
</context>
<context>
    <name>Stockroom::Views::KeyDialog</name>
    <message>
        <source>&amp;Remember it in the system key store</source>
        <translation>시스템 키 저장소에 기억(&amp;R)</translation>
    </message>
    <message>
        <source>Open the stock database</source>
        <translation>재고 데이터베이스 열기</translation>
    </message>
    <message>
        <source>The key of %1:</source>
        <translation>%1의 키:</translation>
    </message>
</context>
<context>
    <name>Stockroom::Views::LabelDialog</name>
    <message>
        <source>E&amp;xpires on:</source>
        <translation>유효기한(&amp;X):</translation>
    </message>
    <message>
        <source>Save &amp;PDF…</source>
        <translation>PDF 저장(&amp;P)…</translation>
    </message>
    <message>
        <source>P&amp;rint…</source>
        <translation>인쇄(&amp;R)…</translation>
    </message>
    <message>
        <source>Labels for %1</source>
        <translation>%1 라벨</translation>
    </message>
    <message>
        <source>Only for a GS1 label</source>
        <translation>GS1 라벨에만 사용</translation>
    </message>
    <message>
        <source>none</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>&amp;Copies:</source>
        <translation>매수(&amp;C):</translation>
    </message>
    <message>
        <source>&amp;Lot:</source>
        <translation>로트(&amp;L):</translation>
    </message>
    <message>
        <source>C&amp;ount on the label:</source>
        <translation>라벨 수량(&amp;O):</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>%1을(를) 저장했습니다.</translation>
    </message>
    <message>
        <source>Save the labels as PDF</source>
        <translation>라벨을 PDF로 저장</translation>
    </message>
    <message>
        <source>labels-%1.pdf</source>
        <translation>라벨-%1.pdf</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 파일 (*.pdf)</translation>
    </message>
    <message>
        <source>Sent to %1.</source>
        <translation>%1(으)로 보냈습니다.</translation>
    </message>
</context>
<context>
    <name>Stockroom::Views::LabelSheet</name>
    <message>
        <source>The barcode library could not start.</source>
        <translation>바코드 라이브러리를 시작할 수 없습니다.</translation>
    </message>
    <message>
        <source>%1 cannot be printed as a barcode: %2</source>
        <translation>%1은(는) 바코드로 인쇄할 수 없습니다: %2</translation>
    </message>
    <message>
        <source>%1 has no EAN or UPC barcode, so it has no GTIN for a GS1 label.</source>
        <translation>%1에는 EAN이나 UPC 바코드가 없어 GS1 라벨에 쓸 GTIN이 없습니다.</translation>
    </message>
    <message>
        <source>The labels could not be started on this device.</source>
        <translation>이 장치에서 라벨 인쇄를 시작할 수 없습니다.</translation>
    </message>
    <message>
        <source>A new page could not be started.</source>
        <translation>새 쪽을 시작할 수 없습니다.</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>라벨</translation>
    </message>
</context>
<context>
    <name>Stockroom::Views::LocationsView</name>
    <message>
        <source>Warehouse</source>
        <translation>창고</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>구역</translation>
    </message>
    <message>
        <source>Bin</source>
        <translation>빈</translation>
    </message>
    <message>
        <source>Archived: kept in the history, nothing moves there</source>
        <translation>보관: 이력에는 남고 더 이상 입출고할 수 없음</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>Label barcode</source>
        <translation>라벨 바코드</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>보관</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>코드</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>종류</translation>
    </message>
    <message>
        <source>The label&apos;s code; empty: the location code</source>
        <translation>라벨의 코드. 비우면 위치 코드를 씁니다</translation>
    </message>
    <message>
        <source>&amp;Add inside…</source>
        <translation>하위 위치 추가(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>실행 취소(&amp;U)</translation>
    </message>
    <message>
        <source>Re&amp;do</source>
        <translation>다시 실행(&amp;D)</translation>
    </message>
    <message>
        <source>Code:</source>
        <translation>코드:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>이름(&amp;N):</translation>
    </message>
    <message>
        <source>&amp;Label barcode:</source>
        <translation>라벨 바코드(&amp;L):</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Choose a location first.</source>
        <translation>먼저 위치를 선택하세요.</translation>
    </message>
    <message>
        <source>Nothing changed.</source>
        <translation>바뀐 내용이 없습니다.</translation>
    </message>
    <message>
        <source>edit of %1</source>
        <translation>%1 수정</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>저장했습니다.</translation>
    </message>
    <message>
        <source>Added %1.</source>
        <translation>%1을(를) 추가했습니다.</translation>
    </message>
    <message>
        <source>Add a location</source>
        <translation>위치 추가</translation>
    </message>
    <message>
        <source>Code of the new location:</source>
        <translation>새 위치의 코드:</translation>
    </message>
    <message>
        <source>Sa&amp;ve</source>
        <translation>저장(&amp;V)</translation>
    </message>
</context>
<context>
    <name>Stockroom::Views::LoginDialog</name>
    <message>
        <source>Sign in to Stockroom</source>
        <translation>Stockroom 로그인</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>사용자 이름(&amp;U):</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>비밀번호(&amp;P):</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>로그인</translation>
    </message>
</context>
<context>
    <name>Stockroom::Views::MainWindow</name>
    <message>
        <source>Stockroom</source>
        <translation>Stockroom</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1: %2 (%3)</source>
        <translation>%1: %2 (%3)</translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>외 %n건</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new alert(s)</source>
        <translation>
            <numerusform>새 알림 %n건</numerusform>
        </translation>
    </message>
    <message>
        <source>Location %1 (%2)</source>
        <translation>위치 %1 (%2)</translation>
    </message>
    <message>
        <source>, lot %1</source>
        <translation>, 로트 %1</translation>
    </message>
    <message>
        <source>, expires %1</source>
        <translation>, 유효기한 %1</translation>
    </message>
    <message numerus="yes">
        <source>, %n unit(s)</source>
        <translation>
            <numerusform>, %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Stockroom</source>
        <translation>Stockroom(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>설정(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>끝내기(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Location labels…</source>
        <translation>위치 라벨(&amp;L)…</translation>
    </message>
    <message>
        <source>Location labels</source>
        <translation>위치 라벨</translation>
    </message>
    <message>
        <source>Labels for this location and everything under it (a code or a label):</source>
        <translation>이 위치와 하위 위치 전체의 라벨(코드 또는 라벨):</translation>
    </message>
    <message>
        <source>Save the labels as PDF</source>
        <translation>라벨을 PDF로 저장</translation>
    </message>
    <message>
        <source>labels-%1.pdf</source>
        <translation>라벨-%1.pdf</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 파일 (*.pdf)</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>%1을(를) 저장했습니다.</translation>
    </message>
    <message>
        <source>&amp;Import CSV…</source>
        <translation>CSV 가져오기(&amp;I)…</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>품목</translation>
    </message>
    <message>
        <source>Locations</source>
        <translation>위치</translation>
    </message>
    <message>
        <source>Opening stock</source>
        <translation>기초 재고</translation>
    </message>
    <message>
        <source>Import CSV</source>
        <translation>CSV 가져오기</translation>
    </message>
    <message>
        <source>What the file holds:</source>
        <translation>파일의 내용:</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 파일 (*.csv)</translation>
    </message>
    <message numerus="yes">
        <source>Imported %Ln row(s) from %1.</source>
        <translation>
            <numerusform>%1에서 %Ln행을 가져왔습니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 could not be read: %2</source>
        <translation>%1을(를) 읽을 수 없습니다: %2</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>%1을(를) 가져오는 중…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message numerus="yes">
        <source>%n scanned line(s) are not posted. They are kept on this workstation and come back when you sign in again.</source>
        <translation>
            <numerusform>스캔한 %n개 줄이 아직 등록되지 않았습니다. 이 워크스테이션에 보관되며 다시 로그인하면 돌아옵니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>The count of %1 is not posted, and it is not kept: quitting ends it.</source>
        <translation>%1 재고 조사가 등록되지 않았고 보관되지도 않습니다. 종료하면 사라집니다.</translation>
    </message>
    <message>
        <source>Quit Stockroom?</source>
        <translation>Stockroom을 종료할까요?</translation>
    </message>
    <message>
        <source>&amp;Go back</source>
        <translation>돌아가기(&amp;G)</translation>
    </message>
    <message>
        <source>Scan</source>
        <translation>스캔</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>재고</translation>
    </message>
    <message>
        <source>Stocktake</source>
        <translation>재고 실사</translation>
    </message>
    <message>
        <source>History</source>
        <translation>이력</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>대시보드</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>보고서</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>사용자</translation>
    </message>
    <message>
        <source>Conflicts (%1)</source>
        <translation>충돌 (%1)</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>충돌</translation>
    </message>
    <message>
        <source>Alerts (%1)</source>
        <translation>알림 (%1)</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>알림</translation>
    </message>
    <message>
        <source>Loc&amp;k</source>
        <translation>잠금(&amp;K)</translation>
    </message>
    <message>
        <source>Sign &amp;out or switch user</source>
        <translation>로그아웃 또는 사용자 전환(&amp;O)</translation>
    </message>
    <message>
        <source>Stockroom is locked</source>
        <translation>Stockroom 잠김</translation>
    </message>
</context>
<context>
    <name>Stockroom::Views::NewDatabaseDialog</name>
    <message>
        <source>&amp;Remember the key in the system key store</source>
        <translation>키를 시스템 키 저장소에 기억(&amp;R)</translation>
    </message>
    <message>
        <source>Create a stock database</source>
        <translation>재고 데이터베이스 만들기</translation>
    </message>
    <message>
        <source>%1 will be encrypted with its key. Without the key nobody, not even you, can open it: keep it safe.</source>
        <translation>%1은(는) 키로 암호화됩니다. 키가 없으면 누구도, 만든 사람도 열 수 없으니 안전하게 보관하세요.</translation>
    </message>
    <message>
        <source>Database &amp;key:</source>
        <translation>데이터베이스 키(&amp;K):</translation>
    </message>
    <message>
        <source>The key &amp;again:</source>
        <translation>키 다시 입력(&amp;A):</translation>
    </message>
    <message>
        <source>First admin&apos;s &amp;user name:</source>
        <translation>첫 시스템 관리자 이름(&amp;U):</translation>
    </message>
    <message>
        <source>Admin&apos;s &amp;password:</source>
        <translation>시스템 관리자 비밀번호(&amp;P):</translation>
    </message>
    <message>
        <source>The password a&amp;gain:</source>
        <translation>비밀번호 다시 입력(&amp;G):</translation>
    </message>
    <message>
        <source>&amp;Create</source>
        <translation>만들기(&amp;C)</translation>
    </message>
    <message>
        <source>Choose a key for the database.</source>
        <translation>데이터베이스 키를 정하세요.</translation>
    </message>
    <message>
        <source>The two keys differ.</source>
        <translation>두 키가 다릅니다.</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>두 비밀번호가 다릅니다.</translation>
    </message>
</context>
<context>
    <name>Stockroom::Views::ProductsView</name>
    <message>
        <source>none</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>Local name</source>
        <translation>현지 이름</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>단위</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>보관</translation>
    </message>
    <message>
        <source>Min</source>
        <translation>최소</translation>
    </message>
    <message>
        <source>Max</source>
        <translation>최대</translation>
    </message>
    <message>
        <source>Reorder point</source>
        <translation>재주문점</translation>
    </message>
    <message>
        <source>Archived: kept in the history, no longer offered</source>
        <translation>보관: 이력에는 남고 더 이상 선택할 수 없음</translation>
    </message>
    <message>
        <source>Find a product: SKU, name or barcode</source>
        <translation>품목 찾기: SKU, 이름 또는 바코드</translation>
    </message>
    <message>
        <source>Scan or type a barcode to link</source>
        <translation>연결할 바코드를 스캔하거나 입력하세요</translation>
    </message>
    <message>
        <source>All warehouses together</source>
        <translation>전체 창고 합계</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>&amp;Link barcode</source>
        <translation>바코드 연결(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>실행 취소(&amp;U)</translation>
    </message>
    <message>
        <source>Re&amp;do</source>
        <translation>다시 실행(&amp;D)</translation>
    </message>
    <message>
        <source>SKU:</source>
        <translation>SKU:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>이름(&amp;N):</translation>
    </message>
    <message>
        <source>L&amp;ocal name:</source>
        <translation>현지 이름(&amp;O):</translation>
    </message>
    <message>
        <source>Un&amp;it:</source>
        <translation>단위(&amp;I):</translation>
    </message>
    <message>
        <source>Barcodes:</source>
        <translation>바코드:</translation>
    </message>
    <message>
        <source>Thresholds</source>
        <translation>기준 수량</translation>
    </message>
    <message>
        <source>&amp;Warehouse:</source>
        <translation>창고(&amp;W):</translation>
    </message>
    <message>
        <source>Ma&amp;x:</source>
        <translation>최대(&amp;X):</translation>
    </message>
    <message>
        <source>&amp;Reorder point:</source>
        <translation>재주문점(&amp;R):</translation>
    </message>
    <message>
        <source>A manager edits products.</source>
        <translation>품목 수정은 관리자가 합니다.</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(없음)</translation>
    </message>
    <message>
        <source>Choose a product first.</source>
        <translation>먼저 품목을 선택하세요.</translation>
    </message>
    <message>
        <source>Nothing changed.</source>
        <translation>바뀐 내용이 없습니다.</translation>
    </message>
    <message>
        <source>edit of %1</source>
        <translation>%1 수정</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>%1을(를) 저장했습니다.</translation>
    </message>
    <message>
        <source>change of thresholds</source>
        <translation>기준 수량 변경</translation>
    </message>
    <message>
        <source>Thresholds saved.</source>
        <translation>기준 수량을 저장했습니다.</translation>
    </message>
    <message>
        <source>Barcode %1 now belongs to %2.</source>
        <translation>바코드 %1이(가) 이제 %2에 연결되었습니다.</translation>
    </message>
    <message>
        <source>Print la&amp;bels…</source>
        <translation>라벨 인쇄(&amp;B)…</translation>
    </message>
    <message>
        <source>Sa&amp;ve</source>
        <translation>저장(&amp;V)</translation>
    </message>
    <message>
        <source>Rever&amp;t</source>
        <translation>되돌리기(&amp;T)</translation>
    </message>
    <message>
        <source>Save t&amp;hresholds</source>
        <translation>기준 수량 저장(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Min:</source>
        <translation>최소(&amp;M):</translation>
    </message>
</context>
<context>
    <name>Stockroom::Views::ReportDocument</name>
    <message>
        <source>Receipts</source>
        <translation>입고</translation>
    </message>
    <message>
        <source>Issues</source>
        <translation>출고</translation>
    </message>
    <message>
        <source>Receipts and issues of the ten busiest products</source>
        <translation>입출고가 가장 많은 10개 품목의 입고와 출고</translation>
    </message>
    <message>
        <source>(nothing moved)</source>
        <translation>(입출고 없음)</translation>
    </message>
    <message>
        <source>The report could not be started on this device.</source>
        <translation>이 장치에서 보고서를 시작할 수 없습니다.</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>%1 / %2쪽</translation>
    </message>
    <message>
        <source>Period movement analysis</source>
        <translation>기간별 입출고 분석</translation>
    </message>
    <message>
        <source>%1 to %2 · %3</source>
        <translation>%1 ~ %2 · %3</translation>
    </message>
    <message>
        <source>Made %1</source>
        <translation>작성 %1</translation>
    </message>
    <message>
        <source>A new page could not be started.</source>
        <translation>새 쪽을 시작할 수 없습니다.</translation>
    </message>
    <message>
        <source>The report was cancelled; nothing was kept.</source>
        <translation>보고서를 취소했습니다. 남은 파일은 없습니다.</translation>
    </message>
</context>
<context>
    <name>Stockroom::Views::ReportView</name>
    <message>
        <source>Export &amp;CSV…</source>
        <translation>CSV 내보내기(&amp;C)…</translation>
    </message>
    <message>
        <source>Export &amp;PDF…</source>
        <translation>PDF 내보내기(&amp;P)…</translation>
    </message>
    <message>
        <source>P&amp;rint…</source>
        <translation>인쇄(&amp;R)…</translation>
    </message>
    <message>
        <source>All warehouses</source>
        <translation>모든 창고</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>R&amp;un</source>
        <translation>실행(&amp;U)</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>시작:</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>종료:</translation>
    </message>
    <message>
        <source>Warehouse:</source>
        <translation>창고:</translation>
    </message>
    <message numerus="yes">
        <source>%Ln product(s) had stock or moved in the period.</source>
        <translation>
            <numerusform>기간 중 재고가 있었거나 입출고된 품목: %Ln개</numerusform>
        </translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>%1을(를) 저장했습니다.</translation>
    </message>
    <message>
        <source>Writing the report…</source>
        <translation>보고서를 쓰는 중…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Export the report as CSV</source>
        <translation>보고서를 CSV로 내보내기</translation>
    </message>
    <message>
        <source>period-report.csv</source>
        <translation>기간별-보고서.csv</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 파일 (*.csv)</translation>
    </message>
    <message>
        <source>Export the report as PDF</source>
        <translation>보고서를 PDF로 내보내기</translation>
    </message>
    <message>
        <source>period-report.pdf</source>
        <translation>기간별-보고서.pdf</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 파일 (*.pdf)</translation>
    </message>
    <message>
        <source>Printing the report…</source>
        <translation>보고서를 인쇄하는 중…</translation>
    </message>
    <message>
        <source>Sent to %1.</source>
        <translation>%1(으)로 보냈습니다.</translation>
    </message>
</context>
<context>
    <name>Stockroom::Views::ScanPanel</name>
    <message>
        <source>Receive (F2)</source>
        <translation>입고 (F2)</translation>
    </message>
    <message>
        <source>Issue (F3)</source>
        <translation>출고 (F3)</translation>
    </message>
    <message>
        <source>Transfer (F4)</source>
        <translation>이동 (F4)</translation>
    </message>
    <message>
        <source>Count (F5)</source>
        <translation>실사 (F5)</translation>
    </message>
    <message>
        <source>Link this barcode to a product… (F8)</source>
        <translation>이 바코드를 품목에 연결… (F8)</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>품목</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>로트</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>수량</translation>
    </message>
    <message>
        <source>Post or cancel the scanned items before changing the mode.</source>
        <translation>모드를 바꾸기 전에 스캔한 품목을 등록하거나 취소하세요.</translation>
    </message>
    <message>
        <source>Scan where the goods come from.</source>
        <translation>물건을 가져오는 위치를 스캔하세요.</translation>
    </message>
    <message>
        <source>Scan a location label.</source>
        <translation>위치 라벨을 스캔하세요.</translation>
    </message>
    <message>
        <source>Link a barcode</source>
        <translation>바코드 연결</translation>
    </message>
    <message>
        <source>SKU of the product that carries %1:</source>
        <translation>%1이(가) 붙은 품목의 SKU:</translation>
    </message>
    <message numerus="yes">
        <source>Posted %n movement(s).</source>
        <translation>
            <numerusform>입출고 %n건을 등록했습니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>Last scan taken back.</source>
        <translation>마지막 스캔을 취소했습니다.</translation>
    </message>
    <message>
        <source>At %1</source>
        <translation>위치 %1</translation>
    </message>
    <message>
        <source>No location yet</source>
        <translation>위치 미지정</translation>
    </message>
    <message>
        <source>From %1 to %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>From %1</source>
        <translation>출발 %1</translation>
    </message>
    <message>
        <source>The scans kept from before could not be read: %1</source>
        <translation>이전에 보관한 스캔을 읽을 수 없습니다: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n scan(s) not posted before are back in the basket.</source>
        <translation>
            <numerusform>이전에 등록하지 않은 스캔 %n건을 스캔 목록에 되살렸습니다.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n could no longer be taken back in:</source>
        <translation>
            <numerusform>%n건은 더 이상 되살릴 수 없습니다:</numerusform>
        </translation>
    </message>
    <message>
        <source>Already %1: post or cancel the scanned items to start over.</source>
        <translation>이미 %1입니다. 다시 시작하려면 스캔한 품목을 등록하거나 취소하세요.</translation>
    </message>
    <message>
        <source>Scan, or type a code and press Enter. *240 then a scan counts 240. Enter on its own posts; Esc takes back the last scan.</source>
        <translation>스캔하거나 코드를 입력하고 Enter를 누르세요. *240 입력 후 스캔하면 240개로 셉니다. Enter만 누르면 등록, Esc는 마지막 스캔 취소입니다.</translation>
    </message>
    <message>
        <source>next item × %1</source>
        <translation>다음 품목 × %1</translation>
    </message>
    <message>
        <source>Scan a location label, then the items: they gather here until Enter on its own posts them.</source>
        <translation>위치 라벨을 스캔한 다음 품목을 스캔하세요. Enter만 눌러 등록할 때까지 여기에 모입니다.</translation>
    </message>
</context>
<context>
    <name>Stockroom::Views::SettingsDialog</name>
    <message>
        <source>&amp;Beep when a scan is refused</source>
        <translation>스캔이 거부되면 소리 내기(&amp;B)</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>설정</translation>
    </message>
    <message>
        <source>As the system</source>
        <translation>시스템 설정에 따름</translation>
    </message>
    <message>
        <source>All warehouses</source>
        <translation>모든 창고</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>None: scan a location label first</source>
        <translation>없음: 먼저 위치 라벨을 스캔</translation>
    </message>
    <message>
        <source> ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>A scanner types faster than this between keys; people type slower.</source>
        <translation>스캐너는 키 사이 간격이 이보다 짧고, 사람이 입력하면 더 깁니다.</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>언어(&amp;L):</translation>
    </message>
    <message>
        <source>&amp;Warehouse shown first:</source>
        <translation>처음 표시할 창고(&amp;W):</translation>
    </message>
    <message>
        <source>Scanner &amp;gap:</source>
        <translation>스캐너 키 간격(&amp;G):</translation>
    </message>
    <message>
        <source>Shortest &amp;code:</source>
        <translation>최소 코드 길이(&amp;C):</translation>
    </message>
    <message>
        <source>The language changes when Stockroom starts again.</source>
        <translation>언어는 Stockroom을 다시 시작하면 바뀝니다.</translation>
    </message>
    <message>
        <source>Scan l&amp;ocation at start:</source>
        <translation>시작 시 스캔 위치(&amp;O):</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 분</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>안 함</translation>
    </message>
    <message>
        <source>Left this long without a key or a click, the window locks: the same person signs in again and finds their work.</source>
        <translation>이 시간 동안 키 입력이나 클릭이 없으면 창이 잠깁니다. 같은 사람이 다시 로그인하면 하던 작업이 그대로 있습니다.</translation>
    </message>
    <message>
        <source>Loc&amp;k after:</source>
        <translation>잠금 시간(&amp;K):</translation>
    </message>
</context>
<context>
    <name>Stockroom::Views::StockView</name>
    <message>
        <source>Low stock only</source>
        <translation>재고 부족만</translation>
    </message>
    <message>
        <source>Expiring within %1 days</source>
        <translation>%1일 안에 유효기한 만료</translation>
    </message>
    <message>
        <source>Filter by SKU, name or barcode</source>
        <translation>SKU, 이름 또는 바코드로 찾기</translation>
    </message>
    <message>
        <source>All warehouses</source>
        <translation>모든 창고</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>위치</translation>
    </message>
    <message>
        <source>A location code or label, then Enter: that place and everything under it</source>
        <translation>위치 코드나 라벨을 입력하고 Enter: 그 위치와 하위 위치 전체</translation>
    </message>
    <message>
        <source>E&amp;xport CSV…</source>
        <translation>CSV 내보내기(&amp;X)…</translation>
    </message>
    <message>
        <source>Exporting the stock…</source>
        <translation>재고를 내보내는 중…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) written to %1.</source>
        <translation>
            <numerusform>%1에 %Ln행을 썼습니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>Export the stock as CSV</source>
        <translation>재고를 CSV로 내보내기</translation>
    </message>
    <message>
        <source>stock.csv</source>
        <translation>재고.csv</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 파일 (*.csv)</translation>
    </message>
    <message>
        <source>* In italics: the quantity includes movements not yet sent to the server.</source>
        <translation>* 기울임꼴: 아직 서버로 보내지 않은 이동이 포함된 수량입니다.</translation>
    </message>
    <message>
        <source>No stock yet, or none that matches the filter.</source>
        <translation>재고가 아직 없거나, 필터에 맞는 재고가 없습니다.</translation>
    </message>
    <message>
        <source>Show empty places</source>
        <translation>빈 위치 보기</translation>
    </message>
</context>
<context>
    <name>Stockroom::Views::StocktakeView</name>
    <message>
        <source>&amp;Post differences</source>
        <translation>차이 등록(&amp;P)</translation>
    </message>
    <message>
        <source>Scan or type the location to count, then Enter</source>
        <translation>실사할 위치를 스캔하거나 입력하고 Enter</translation>
    </message>
    <message>
        <source>Reason for the adjustments, e.g. &quot;cycle count, aisle A&quot;</source>
        <translation>조정 사유(예: &quot;순환 실사, A 통로&quot;)</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>사유:</translation>
    </message>
    <message>
        <source>A manager posts the differences.</source>
        <translation>차이 등록은 관리자가 합니다.</translation>
    </message>
    <message>
        <source>No count in progress</source>
        <translation>진행 중인 실사 없음</translation>
    </message>
    <message>
        <source>Counting %1, now at %2</source>
        <translation>%1 실사 중, 현재 위치 %2</translation>
    </message>
    <message>
        <source>Counting %1: scan a location label</source>
        <translation>%1 실사 중: 위치 라벨을 스캔하세요</translation>
    </message>
    <message numerus="yes">
        <source>%Ln line(s), %1 differ</source>
        <translation>
            <numerusform>%Ln줄, 차이 %1줄</numerusform>
        </translation>
    </message>
    <message>
        <source>Scan everything there. What is not scanned counts as 0.</source>
        <translation>그 위치의 모든 물건을 스캔하세요. 스캔하지 않은 품목은 0개로 셉니다.</translation>
    </message>
    <message>
        <source>Posting the stocktake…</source>
        <translation>재고 실사를 등록하는 중…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message numerus="yes">
        <source>%Ln adjustment(s) posted.</source>
        <translation>
            <numerusform>조정 %Ln건을 등록했습니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>Start &amp;count</source>
        <translation>실사 시작(&amp;C)</translation>
    </message>
    <message>
        <source>Scan or type the place to count, then scan everything in it.</source>
        <translation>실사할 위치를 스캔하거나 입력한 다음, 그 안의 모든 것을 스캔하세요.</translation>
    </message>
    <message>
        <source>Show &amp;expected</source>
        <translation>예상 수량 보기(&amp;E)</translation>
    </message>
    <message>
        <source>Counting is blind: what the ledger expects, and so the difference, shows only to a manager who asks.</source>
        <translation>재고 실사는 블라인드로 합니다. 원장의 예상 수량과 차이는 관리자가 요청할 때만 보입니다.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln line(s)</source>
        <translation>
            <numerusform>%Ln줄</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Stockroom::Views::SyncStatus</name>
    <message>
        <source>never synced</source>
        <translation>동기화한 적 없음</translation>
    </message>
    <message>
        <source>synced just now</source>
        <translation>방금 동기화함</translation>
    </message>
    <message numerus="yes">
        <source>synced %n min ago</source>
        <translation>
            <numerusform>%n분 전 동기화</numerusform>
        </translation>
    </message>
    <message>
        <source>synced at %1</source>
        <translation>%1에 동기화</translation>
    </message>
    <message numerus="yes">
        <source>%n waiting to sync</source>
        <translation>
            <numerusform>동기화 대기 %n건</numerusform>
        </translation>
    </message>
    <message>
        <source>Online</source>
        <translation>온라인</translation>
    </message>
    <message>
        <source>Syncing</source>
        <translation>동기화 중</translation>
    </message>
    <message>
        <source>Connecting</source>
        <translation>연결 중</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>오프라인</translation>
    </message>
    <message>
        <source>Not syncing</source>
        <translation>동기화 안 함</translation>
    </message>
</context>
<context>
    <name>Stockroom::Views::UsersView</name>
    <message>
        <source>User name</source>
        <translation>사용자 이름</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>역할</translation>
    </message>
    <message>
        <source>Signs in</source>
        <translation>로그인 가능</translation>
    </message>
    <message>
        <source>&amp;Disable or enable</source>
        <translation>사용 중지/다시 사용(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Add user</source>
        <translation>사용자 추가(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>사용자 이름(&amp;U):</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>이름(&amp;N):</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>역할(&amp;R):</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>비밀번호(&amp;P):</translation>
    </message>
    <message>
        <source>Password a&amp;gain:</source>
        <translation>비밀번호 다시 입력(&amp;G):</translation>
    </message>
    <message>
        <source>New user</source>
        <translation>새 사용자</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>예</translation>
    </message>
    <message>
        <source>no (disabled)</source>
        <translation>아니요(사용 중지됨)</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>두 비밀번호가 다릅니다.</translation>
    </message>
    <message>
        <source>%1 can sign in now.</source>
        <translation>%1은(는) 이제 로그인할 수 있습니다.</translation>
    </message>
    <message>
        <source>Choose a user first.</source>
        <translation>먼저 사용자를 선택하세요.</translation>
    </message>
    <message>
        <source>%1 can sign in again.</source>
        <translation>%1은(는) 다시 로그인할 수 있습니다.</translation>
    </message>
    <message>
        <source>%1 can no longer sign in.</source>
        <translation>%1은(는) 더 이상 로그인할 수 없습니다.</translation>
    </message>
</context>
</TS>
