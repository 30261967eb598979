#!/usr/bin/python3
"""Puts purchasing data into a Tryton 6.0 server through its own API (proteus
over XML-RPC), for the ERP connector's tests.

  tryton_data.py URL DATABASE USER PASSWORD seed < data.json
      Creates the company (when there is none), then the suppliers, articles
      and purchase orders described in data.json, quotes and confirms the
      orders, and prints JSON: {"supplier_ids": [party codes...],
      "po_numbers": [purchase numbers...]} in the order of data.json.
  tryton_data.py URL DATABASE USER PASSWORD receive PO_NUMBER ARTICLE_CODE
      Receives the whole quantity of that order line (a supplier shipment,
      received and done).

data.json:
  {"company": {"name": "...", "currency": "EUR"},
   "suppliers": [{"name": "...", "vat_number": "FR...", "registration_number": "..."}],
   "articles": [{"article_code": "...", "description": "...", "unit": "kg",
                 "lot_managed": true, "min_shelf_life_days": 90,
                 "supplier": 0, "supplier_article_code": "..."}],
   "orders": [{"supplier": 0, "order_date": "2024-03-01", "currency": "EUR",
               "lines": [{"line": 10, "article_code": "...", "quantity": 12.5,
                          "unit": "kg", "unit_price": "3.20",
                          "expected_date": "2024-03-15"}]}]}
Units are Tryton's unit symbols ("u", "kg", "g", "l"); "supplier" is an index
into "suppliers".
"""
import datetime
import json
import sys
from decimal import Decimal
from urllib.parse import quote

from proteus import Model, Wizard, config as proteus_config


def connect(url, database, user, password):
    scheme, rest = url.split('://', 1)
    rest = rest.rstrip('/')
    proteus_config.set_xmlrpc('%s://%s:%s@%s/%s/' % (
        scheme, quote(user, safe=''), quote(password, safe=''), rest, database))


def iso_date(text):
    return datetime.date.fromisoformat(text) if text else None


def company_of(description):
    Company = Model.get('company.company')
    companies = Company.find()
    if companies:
        return companies[0]
    Party = Model.get('party.party')
    Currency = Model.get('currency.currency')
    User = Model.get('res.user')
    currency = currency_of(description.get('currency', 'EUR'))
    party = Party(name=description.get('name', 'Quai Test Company'))
    party.save()
    company_config = Wizard('company.company.config')
    company_config.execute('company')
    company_config.form.party = party
    company_config.form.currency = currency
    company_config.execute('add')
    config = proteus_config.get_config()
    config._context = User.get_preferences(True, {})
    company, = Company.find()
    return company


def currency_of(code):
    Currency = Model.get('currency.currency')
    found = Currency.find([('code', '=', code)])
    if found:
        return found[0]
    currency = Currency(name=code, symbol=code, code=code, rounding=Decimal('0.01'))
    currency.save()
    return currency


def unit_of(symbol):
    Uom = Model.get('product.uom')
    found = Uom.find([('symbol', '=', symbol)])
    if not found:
        raise SystemExit('tryton_data.py: Tryton has no unit of symbol %r' % symbol)
    return found[0]


def seed(data):
    Party = Model.get('party.party')
    Template = Model.get('product.template')
    Product = Model.get('product.product')
    Purchase = Model.get('purchase.purchase')
    company_of(data.get('company', {}))

    parties = []
    for supplier in data['suppliers']:
        party = Party(name=supplier['name'])
        if supplier.get('vat_number'):
            identifier = party.identifiers.new()
            identifier.type = 'eu_vat'
            identifier.code = supplier['vat_number']
        if supplier.get('registration_number'):
            # fr_siren/fr_siret identifiers come with the party_siret module only.
            identifier = party.identifiers.new()
            identifier.type = 'fr_siret' if len(supplier['registration_number']) == 14 else 'fr_siren'
            identifier.code = supplier['registration_number']
        party.addresses.new()
        party.save()
        parties.append(party)

    products = {}
    for article in data['articles']:
        template = Template()
        template.name = article['description']
        template.type = 'goods'
        template.default_uom = unit_of(article['unit'])
        template.purchasable = True
        template.purchase_uom = template.default_uom
        template.list_price = Decimal('0')
        template.cost_price_method = 'fixed'
        if article.get('lot_managed'):
            template.lot_required = ['supplier']
        if article.get('min_shelf_life_days'):
            template.shelf_life_state = 'required'
            template.shelf_life_time = article['min_shelf_life_days']
        product, = template.products
        product.suffix_code = article['article_code']  # code = template's prefix + this
        if article.get('supplier') is not None:
            product_supplier = template.product_suppliers.new()
            product_supplier.party = parties[article['supplier']]
            product_supplier.code = article.get('supplier_article_code')
        template.save()
        products[article['article_code']] = Product.find([('code', '=', article['article_code'])])[0]

    purchases = []
    for order in data['orders']:
        purchase = Purchase()
        purchase.party = parties[order['supplier']]
        purchase.purchase_date = iso_date(order.get('order_date'))
        purchase.currency = currency_of(order.get('currency', 'EUR'))
        # No invoices: the tests need no chart of accounts.
        purchase.invoice_method = 'manual'
        for described in order['lines']:
            line = purchase.lines.new()
            line.sequence = described['line']
            line.product = products[described['article_code']]
            line.quantity = described['quantity']
            line.unit = unit_of(described['unit'])
            line.unit_price = Decimal(str(described['unit_price']))
            if described.get('expected_date'):
                line.delivery_date_edit = True
                line.delivery_date_store = iso_date(described['expected_date'])
        purchase.save()
        purchase.click('quote')
        purchase.click('confirm')
        purchases.append(purchase)

    print(json.dumps({
        'supplier_ids': [party.code for party in parties],
        'po_numbers': [Purchase(purchase.id).number for purchase in purchases],
        }))


def receive(po_number, article_code):
    Purchase = Model.get('purchase.purchase')
    Shipment = Model.get('stock.shipment.in')
    Move = Model.get('stock.move')
    purchase, = Purchase.find([('number', '=', po_number)])
    moves = [move for line in purchase.lines if line.product and line.product.code == article_code
             for move in line.moves if move.state == 'draft']
    if not moves:
        raise SystemExit('tryton_data.py: order %s has no line of %s to receive' % (po_number, article_code))
    shipment = Shipment()
    shipment.supplier = purchase.party
    for move in moves:
        shipment.incoming_moves.append(Move(move.id))
    shipment.save()
    shipment.click('receive')
    shipment.click('done')


def main():
    if len(sys.argv) < 6:
        raise SystemExit(__doc__)
    url, database, user, password, command = sys.argv[1:6]
    connect(url, database, user, password)
    if command == 'seed':
        seed(json.load(sys.stdin))
    elif command == 'receive' and len(sys.argv) == 8:
        receive(sys.argv[6], sys.argv[7])
    else:
        raise SystemExit(__doc__)


if __name__ == '__main__':
    main()
